package dev.hookseal.imagekit.core;

import dev.hookseal.imagekit.core.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code client.webhooks().unwrap(...)} verifies, as in ImageKit's Java SDK: the raw body,
 * the request's headers and, optionally, a secret replacing the client's.
 *
 * <pre>{@code
 * UnwrapWebhookParams.builder().body(request.body()).headers(headers).build()
 * }</pre>
 */
public class UnwrapWebhookParams {
    private final byte[] body;
    private final Headers headers;
    private final String secret;
    private final Long now;

    /** For {@link Builder#build()} and the {@code models.webhooks} alias. */
    protected UnwrapWebhookParams(byte[] body, Headers headers, String secret, Long now) {
        this.body = body;
        this.headers = headers;
        this.secret = secret;
        this.now = now;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The raw body as text (its UTF-8 bytes are what was verified). */
    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The raw body's bytes, exactly as received. */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The request's headers. */
    public Optional<Headers> headers() {
        return Optional.ofNullable(headers);
    }

    /** The secret replacing the client's, if any. */
    public Optional<String> secret() {
        return Optional.ofNullable(secret);
    }

    /** The time to verify at (unix seconds), if set: for tests. */
    public Optional<Long> now() {
        return Optional.ofNullable(now);
    }

    @Override
    public String toString() {
        // Never the secret, nor the body.
        return "UnwrapWebhookParams{bodyBytes=" + body.length + ", headers=" + headers + ", secret="
                + (secret == null ? "null" : "<redacted>") + "}";
    }

    /** Builds {@link UnwrapWebhookParams}; {@code body} is required. */
    public static class Builder {
        private byte[] body;
        private Headers headers;
        private String secret;
        private Long now;

        protected Builder() {}

        /** The raw body, exactly as received (Spark's {@code request.body()}). */
        public Builder body(String body) {
            this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** The raw body's bytes (Spark's {@code request.bodyAsBytes()}, Spring's {@code byte[]}). */
        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        /** Alias of {@link #body(String)}. */
        public Builder payload(String payload) {
            return body(payload);
        }

        /** Alias of {@link #body(byte[])}. */
        public Builder payload(byte[] payload) {
            return body(payload);
        }

        /** The request's headers. */
        public Builder headers(Headers headers) {
            this.headers = headers;
            return this;
        }

        /** Alias for {@code headers(headers.orElse(null))}. */
        public Builder headers(Optional<Headers> headers) {
            return headers(headers.orElse(null));
        }

        /** The request's headers as a single-valued map. */
        public Builder headers(Map<String, String> headers) {
            return headers(headers == null ? null : Headers.builder().putAllSingle(headers).build());
        }

        /** A secret replacing the client's for this call. */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** Alias for {@code secret(secret.orElse(null))}. */
        public Builder secret(Optional<String> secret) {
            return secret(secret.orElse(null));
        }

        /** Verify as if the time were {@code unixSeconds} (tests; default: the clock). */
        public Builder now(long unixSeconds) {
            this.now = unixSeconds;
            return this;
        }

        /** The parameters; throws {@code IllegalStateException} without a body. */
        public UnwrapWebhookParams build() {
            return new UnwrapWebhookParams(required(), headers, secret, now);
        }

        /** The body, checked. */
        protected byte[] required() {
            if (body == null) {
                throw new IllegalStateException("`body` is required but was not set");
            }
            return body;
        }

        /** For the alias's builder. */
        protected Headers headersSet() {
            return headers;
        }

        /** For the alias's builder. */
        protected String secretSet() {
            return secret;
        }

        /** For the alias's builder. */
        protected Long nowSet() {
            return now;
        }
    }
}
