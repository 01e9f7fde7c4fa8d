package dev.hookseal.imagekit.errors;

import dev.hookseal.Hookseal;
import dev.hookseal.WebhookException;

/**
 * A delivery that did not verify or parse (unchecked, as in ImageKit's Java SDK). {@link #code()}
 * is the stable error code ({@code "invalid_signature"}, {@code "timestamp_too_old"}, ...) and
 * {@link #httpStatus()} the status to answer with; {@link #getCause()} is the core's
 * {@link WebhookException}. The message never holds a secret.
 */
public final class ImageKitWebhookException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int httpStatus;

    /** Wraps the core's error. */
    public ImageKitWebhookException(WebhookException cause) {
        super(cause.getMessage(), cause);
        this.code = Hookseal.getCode(cause);
        this.httpStatus = Hookseal.getHttpStatus(cause);
    }

    /** The stable snake_case error code (contract §7). */
    public String code() {
        return code;
    }

    /** 401 not genuine (forged, stale, replayed), 400 malformed, 413 too large, 500 a bad secret,
     * 503 the replay store is down. */
    public int httpStatus() {
        return httpStatus;
    }
}
