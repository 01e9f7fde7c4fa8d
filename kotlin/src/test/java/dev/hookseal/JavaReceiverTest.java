package dev.hookseal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kotlin API from plain Java, shaped like a Java/Spark receiver: verify, branch on the event
 * type, read a field, and answer 400 with the error code when verification fails.
 */
class JavaReceiverTest {
    static final String SECRET = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
    static final String BODY =
            "{\"id\":\"id\",\"type\":\"file.deleted\",\"created_at\":\"2019-12-27T18:11:19.117Z\",\"data\":{\"fileId\":\"abc\"}}";
    static final long NOW = 1674087231L;

    // Built once at start-up and shared by every request.
    private final ImageKitWebhooks webhooks;

    JavaReceiverTest() throws WebhookException {
        webhooks = new ImageKitWebhooks(SECRET);
    }

    /** What a Spark route would do with request.body() and the request headers. */
    String handle(String body, Map<String, String> headers) {
        WebhookEvent event;
        try {
            event = webhooks.unwrap(body.getBytes(StandardCharsets.UTF_8), headers, null, NOW);
        } catch (WebhookException e) {
            return "400 " + Hookseal.getCode(e);
        }
        switch (event.getEventType()) {
            case "file.deleted":
                EventPayload.FileDeleted deleted = (EventPayload.FileDeleted) event.getPayload();
                return "200 deleted " + deleted.getData().getFileId();
            case "video.transformation.ready":
                EventPayload.VideoTransformationReady ready = (EventPayload.VideoTransformationReady) event.getPayload();
                return "200 ready " + ready.getData().getTransformation().getOutput().getUrl();
            default:
                return "200 ignored " + event.getEventType();
        }
    }

    private static Map<String, String> headers(String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("Webhook-Id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
        h.put("Webhook-Timestamp", "1674087231");
        h.put("Webhook-Signature", signature);
        return h;
    }

    @Test
    void verifiesBranchesAndReadsAField() {
        assertEquals("200 deleted abc", handle(BODY, headers("v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=")));
    }

    @Test
    void aForgedDeliveryIsA400WithItsCode() {
        assertEquals("400 invalid_signature", handle(BODY, headers("v1,4UJiwJx94QIqFgB2vIWrlXhMdpwupVYB03zdOEYU1Ck=")));
        Map<String, String> missing = headers("x");
        missing.remove("Webhook-Signature");
        assertEquals("400 missing_header", handle(BODY, missing));
    }

    @Test
    void typedErrorsCanBeCaughtByClass() throws WebhookException {
        WebhookSigner signer = new WebhookSigner(SECRET, KeyMode.IMAGEKIT);
        String ready = Hookseal_uniffiKt.sampleBody("video.transformation.ready");
        Map<String, String> h = signer.headers("msg_1", NOW, ready.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "200 ready http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10", handle(ready, h));
        try {
            webhooks.verify(BODY.getBytes(StandardCharsets.UTF_8), new HashMap<>(), NOW);
        } catch (WebhookException.MissingHeader e) {
            assertEquals("missing_header", Hookseal.getCode(e));
            return;
        }
        throw new AssertionError("expected MissingHeader");
    }
}
