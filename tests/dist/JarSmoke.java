// The five-platform jar from dist/ on this machine's JVM (make test-dist-jvm): JNA must find
// linux-x86-64/libhookseal_uniffi.so inside the jar; a delivery is signed, unwrapped through the
// Java facade as ImageKit's docs write it, and a tampered copy is refused with its stable code.
import dev.hookseal.KeyMode;
import dev.hookseal.WebhookSigner;
import dev.hookseal.imagekit.client.ImageKitClient;
import dev.hookseal.imagekit.client.okhttp.ImageKitOkHttpClient;
import dev.hookseal.imagekit.core.UnwrapWebhookParams;
import dev.hookseal.imagekit.core.http.Headers;
import dev.hookseal.imagekit.errors.ImageKitWebhookException;
import dev.hookseal.imagekit.models.webhooks.UnwrapWebhookEvent;
import java.nio.charset.StandardCharsets;

public class JarSmoke {
    public static void main(String[] args) throws Exception {
        String secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
        String body = "{\"type\":\"file.deleted\",\"id\":\"evt_1\",\"created_at\":\"2024-03-11T09:15:22.640Z\",\"data\":{\"fileId\":\"abc\"}}";
        long ts = System.currentTimeMillis() / 1000;
        String sig = new WebhookSigner(secret, KeyMode.IMAGEKIT).sign("msg_jar", ts, body.getBytes(StandardCharsets.UTF_8));
        Headers headers = Headers.builder()
                .put("webhook-id", "msg_jar")
                .put("webhook-timestamp", Long.toString(ts))
                .put("webhook-signature", sig)
                .build();
        ImageKitClient client = ImageKitOkHttpClient.builder().webhookSecret(secret).build();
        UnwrapWebhookEvent event = client.webhooks().unwrap(UnwrapWebhookParams.builder().body(body).headers(headers).build());
        if (!event.isFileDelete() || !event.asFileDelete().data().fileId().equals("abc")) {
            throw new AssertionError("unexpected event " + event.type());
        }
        try {
            client.webhooks().unwrap(UnwrapWebhookParams.builder().body(body.replace("abc", "abd")).headers(headers).build());
            throw new AssertionError("a tampered body verified");
        } catch (ImageKitWebhookException e) {
            if (!e.code().equals("invalid_signature")) throw new AssertionError("code " + e.code());
            System.out.println("jvm jar: " + event.type() + " verified; tampered copy refused with " + e.code());
        }
    }
}
