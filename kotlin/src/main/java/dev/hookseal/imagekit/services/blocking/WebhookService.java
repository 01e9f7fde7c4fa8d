package dev.hookseal.imagekit.services.blocking;

import dev.hookseal.Verification;
import dev.hookseal.imagekit.core.UnwrapWebhookParams;
import dev.hookseal.imagekit.core.http.Headers;
import dev.hookseal.imagekit.errors.ImageKitWebhookException;
import dev.hookseal.imagekit.models.webhooks.UnwrapWebhookEvent;
import java.util.Map;

/** {@code client.webhooks()}, as in ImageKit's Java SDK. */
public interface WebhookService {

    /**
     * Verifies the delivery (the body exactly as received, against its {@code webhook-*} headers
     * and the client's secret, or {@code params.secret()}), then returns its event.
     *
     * @throws ImageKitWebhookException if it does not verify or is not an ImageKit event
     */
    UnwrapWebhookEvent unwrap(UnwrapWebhookParams params);

    /** {@link #unwrap(UnwrapWebhookParams)} for a body and a single-valued header map. */
    UnwrapWebhookEvent unwrap(String body, Map<String, String> headers);

    /** {@link #unwrap(UnwrapWebhookParams)} for raw body bytes. */
    UnwrapWebhookEvent unwrap(byte[] body, Headers headers);

    /**
     * In ImageKit's SDK this overload parses without verifying. Here it verifies like the others:
     * with no headers it always throws {@code missing_header}. Use {@link #unsafeUnwrap} to parse
     * without verifying.
     *
     * @throws ImageKitWebhookException always ({@code missing_header})
     */
    UnwrapWebhookEvent unwrap(String body);

    /** Verify only: which secret matched, the signed timestamp, the replay status. */
    Verification verify(UnwrapWebhookParams params);

    /** Parses **without verifying**: development and tests only. */
    UnwrapWebhookEvent unsafeUnwrap(String body);
}
