package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookseal.Hookseal_uniffiKt;
import dev.hookseal.KeyMode;
import dev.hookseal.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spark.Spark;

/**
 * Starts the documented receiver on a free loopback port (the secret and a replay guard come from
 * the environment, as surefire sets them) and sends it every sample event, then a forged, a stale
 * and a replayed delivery.
 */
class ReceiverTest {
    static final String SECRET = System.getenv("IMAGEKIT_WEBHOOK_SECRET");
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    static PrintStream stdout;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        stdout = System.out;
        System.setOut(new PrintStream(printed, true, "UTF-8"));
        Receiver.main(new String[] {Integer.toString(port)});
        Spark.awaitInitialization();
    }

    @AfterAll
    static void stop() {
        Spark.stop();
        Spark.awaitStop();
        System.setOut(stdout);
    }

    static HttpResponse<String> deliver(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> signed(String secret, String id, long ts, String body) throws Exception {
        String sig = new WebhookSigner(secret, KeyMode.IMAGEKIT).sign(id, ts, body.getBytes("UTF-8"));
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(ts), "webhook-signature", sig);
    }

    static String sample(String type) {
        return Hookseal_uniffiKt.sampleBody(type);
    }

    @Test
    void everySampleEventIsVerifiedAndHandled() throws Exception {
        Map<String, String> expect = Map.of(
                "video.transformation.accepted", "Video transformation accepted: http",
                "video.transformation.ready", "Video ready: http",
                "video.transformation.error", "Video transformation failed: ",
                "upload.pre-transform.success", "Upload transformation succeeded: http",
                "file.created", "File created: ",
                "file.deleted", "File deleted: ",
                "folder.created", "Unhandled event type: folder.created");
        List<String> all = dev.hookseal.Hookseal_uniffiKt.eventTypes();
        assertEquals(15, all.size());
        long now = System.currentTimeMillis() / 1000;
        int n = 0;
        for (String type : all) {
            printed.reset();
            HttpResponse<String> r = deliver(sample(type), signed(SECRET, "msg_sample_" + n++, now, sample(type)));
            assertEquals(200, r.statusCode(), type + ": " + r.body());
            assertEquals("OK", r.body());
            String out = printed.toString("UTF-8");
            String want = expect.getOrDefault(type, "Unhandled event type: " + type);
            assertTrue(out.contains(want), type + " printed: " + out);
            assertTrue(!out.contains("null"), type + " printed a missing field: " + out);
        }
    }

    @Test
    void forgedStaleAndReplayedDeliveriesAreRefused() throws Exception {
        String body = sample("file.created");
        long now = System.currentTimeMillis() / 1000;
        assertEquals(400, deliver(body, signed("whsec_someone-else", "msg_forged", now, body)).statusCode());
        assertEquals(400, deliver(body, signed(SECRET, "msg_stale", now - 3600, body)).statusCode());
        assertEquals(400, deliver(body + " ", signed(SECRET, "msg_changed", now, body)).statusCode());
        assertEquals(400, deliver(body, Map.of()).statusCode());
        Map<String, String> once = signed(SECRET, "msg_once", now, body);
        assertEquals(200, deliver(body, once).statusCode());
        HttpResponse<String> again = deliver(body, once);
        assertEquals(400, again.statusCode(), "a replay is refused");
    }
}
