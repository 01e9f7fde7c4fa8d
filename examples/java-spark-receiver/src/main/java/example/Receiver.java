package example;

import static spark.Spark.*;

// ImageKit's Spark receiver, from ImageKit's docs. The import lines are the whole change:
// `io.imagekit.` became `dev.hookseal.imagekit.`.
import dev.hookseal.imagekit.client.ImageKitClient;
import dev.hookseal.imagekit.client.okhttp.ImageKitOkHttpClient;
import dev.hookseal.imagekit.core.UnwrapWebhookParams;
import dev.hookseal.imagekit.core.http.Headers;
import dev.hookseal.imagekit.models.webhooks.UnwrapWebhookEvent;

public class Receiver {
    public static void main(String[] args) {
        ImageKitClient client = ImageKitOkHttpClient.builder()
                .privateKey(System.getenv("IMAGEKIT_PRIVATE_KEY"))
                .webhookSecret(System.getenv("IMAGEKIT_WEBHOOK_SECRET"))
                .build();

        port(args.length > 0 ? Integer.parseInt(args[0]) : 4567);

        post("/webhook", (request, response) -> {
            String payload = request.body();
            Headers headers = Headers.builder()
                    .put("webhook-id", request.headers("webhook-id"))
                    .put("webhook-timestamp", request.headers("webhook-timestamp"))
                    .put("webhook-signature", request.headers("webhook-signature"))
                    .build();

            UnwrapWebhookEvent event;
            try {
                event = client.webhooks().unwrap(UnwrapWebhookParams.builder()
                        .body(payload)
                        .headers(headers)
                        .build());
            } catch (Exception e) {
                System.out.println("Webhook verification failed: " + e.getMessage());
                response.status(400);
                return "Invalid webhook signature";
            }

            if (event.isVideoTransformationAccepted()) {
                System.out.println("Video transformation accepted: "
                        + event.asVideoTransformationAccepted().data().asset().url());
            } else if (event.isVideoTransformationReady()) {
                System.out.println("Video ready: "
                        + event.asVideoTransformationReady().data().transformation().output().url());
            } else if (event.isVideoTransformationError()) {
                System.out.println("Video transformation failed: "
                        + event.asVideoTransformationError().data().transformation().error().reason());
            } else if (event.isUploadPreTransformSuccess()) {
                System.out.println("Upload transformation succeeded: "
                        + event.asUploadPreTransformSuccess().data().url());
            } else if (event.isFileCreate()) {
                System.out.println("File created: " + event.asFileCreate().data().fileId());
            } else if (event.isFileDelete()) {
                System.out.println("File deleted: " + event.asFileDelete().data().fileId());
            } else {
                System.out.println("Unhandled event type: " + event.type());
            }

            response.status(200);
            return "OK";
        });
    }
}
