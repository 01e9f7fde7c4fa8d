package dev.hookseal.imagekit.models.webhooks;

import dev.hookseal.imagekit.core.http.Headers;
import java.util.Map;
import java.util.Optional;

/**
 * {@link dev.hookseal.imagekit.core.UnwrapWebhookParams} under the package name some versions of
 * ImageKit's Java SDK import it from; the two are interchangeable.
 */
public final class UnwrapWebhookParams extends dev.hookseal.imagekit.core.UnwrapWebhookParams {
    private UnwrapWebhookParams(byte[] body, Headers headers, String secret, Long now) {
        super(body, headers, secret, now);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link UnwrapWebhookParams}; {@code body} is required. */
    public static final class Builder extends dev.hookseal.imagekit.core.UnwrapWebhookParams.Builder {
        private Builder() {}

        @Override
        public Builder body(String body) {
            super.body(body);
            return this;
        }

        @Override
        public Builder body(byte[] body) {
            super.body(body);
            return this;
        }

        @Override
        public Builder payload(String payload) {
            super.payload(payload);
            return this;
        }

        @Override
        public Builder payload(byte[] payload) {
            super.payload(payload);
            return this;
        }

        @Override
        public Builder headers(Headers headers) {
            super.headers(headers);
            return this;
        }

        @Override
        public Builder headers(Optional<Headers> headers) {
            super.headers(headers);
            return this;
        }

        @Override
        public Builder headers(Map<String, String> headers) {
            super.headers(headers);
            return this;
        }

        @Override
        public Builder secret(String secret) {
            super.secret(secret);
            return this;
        }

        @Override
        public Builder secret(Optional<String> secret) {
            super.secret(secret);
            return this;
        }

        @Override
        public Builder now(long unixSeconds) {
            super.now(unixSeconds);
            return this;
        }

        @Override
        public UnwrapWebhookParams build() {
            return new UnwrapWebhookParams(required(), headersSet(), secretSet(), nowSet());
        }
    }
}
