package dev.hookseal.imagekit.client;

import dev.hookseal.imagekit.services.blocking.WebhookService;

/**
 * The client, as ImageKit's Java SDK's {@code ImageKitClient}, for receivers: {@link #webhooks()}
 * verifies and parses deliveries. The SDK's other services (files, assets, ...) are not here:
 * keep an {@code io.imagekit} client for uploads and URLs.
 */
public interface ImageKitClient extends AutoCloseable {

    /** Verifies and parses webhook deliveries. */
    WebhookService webhooks();

    /** Nothing to release (no connections are held); present for try-with-resources. */
    @Override
    default void close() {}
}
