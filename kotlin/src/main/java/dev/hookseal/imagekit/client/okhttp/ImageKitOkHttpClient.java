package dev.hookseal.imagekit.client.okhttp;

import dev.hookseal.ImageKitWebhooks;
import dev.hookseal.KeyMode;
import dev.hookseal.ReplayGuard;
import dev.hookseal.WebhookException;
import dev.hookseal.WebhookKey;
import dev.hookseal.WebhookOptions;
import dev.hookseal.imagekit.client.ImageKitClient;
import dev.hookseal.imagekit.errors.ImageKitWebhookException;
import dev.hookseal.imagekit.services.blocking.WebhookService;
import dev.hookseal.imagekit.services.blocking.WebhookServiceImpl;
import java.time.Duration;
import java.util.List;

/**
 * Builds an {@link ImageKitClient} with the call shape of ImageKit's Java SDK:
 *
 * <pre>{@code
 * ImageKitClient client = ImageKitOkHttpClient.builder()
 *     .privateKey(System.getenv("IMAGEKIT_PRIVATE_KEY"))
 *     .webhookSecret(System.getenv("IMAGEKIT_WEBHOOK_SECRET"))
 *     .build();
 * }</pre>
 *
 * The name is the SDK's; no OkHttp (or any HTTP client) is involved. The webhook secret is read in
 * the {@code imagekit} key mode, as ImageKit signs; the private key and the SDK's transport options
 * are accepted and ignored. A malformed secret fails in {@link Builder#build()}, at start-up.
 */
public final class ImageKitOkHttpClient {
    /** The variable {@link #fromEnv()} reads the webhook secret from. */
    public static final String WEBHOOK_SECRET_ENV = "IMAGEKIT_WEBHOOK_SECRET";

    private ImageKitOkHttpClient() {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client configured from the environment ({@code IMAGEKIT_WEBHOOK_SECRET}). */
    public static ImageKitClient fromEnv() {
        return builder().fromEnv().build();
    }

    /** Builds the client. */
    public static final class Builder {
        private List<String> secrets;
        private List<WebhookKey> keys;
        private KeyMode keyMode;
        private long toleranceSeconds = 300;
        private boolean legacy;
        private long maxPayloadBytes = 1_048_576;
        private ReplayGuard replayGuard;

        private Builder() {}

        /** Reads {@code IMAGEKIT_WEBHOOK_SECRET} (when set and non-empty). */
        public Builder fromEnv() {
            String s = System.getenv(WEBHOOK_SECRET_ENV);
            if (s != null && !s.isEmpty()) {
                webhookSecret(s);
            }
            return this;
        }

        /** For ImageKit's REST API; not needed to receive webhooks (accepted, never stored). */
        public Builder privateKey(String privateKey) {
            return this;
        }

        /** For ImageKit's REST API; accepted and ignored. */
        public Builder password(String password) {
            return this;
        }

        /** For ImageKit's REST API; accepted and ignored. */
        public Builder baseUrl(String baseUrl) {
            return this;
        }

        /** For ImageKit's REST API; accepted and ignored. */
        public Builder maxRetries(int maxRetries) {
            return this;
        }

        /** For ImageKit's REST API; accepted and ignored. */
        public Builder timeout(Duration timeout) {
            return this;
        }

        /** The {@code whsec_...} secret from ImageKit's dashboard. */
        public Builder webhookSecret(String webhookSecret) {
            this.secrets = webhookSecret == null ? null : List.of(webhookSecret);
            return this;
        }

        /** Several secrets (rotation): a delivery verifies if any matches. */
        public Builder webhookSecrets(List<String> webhookSecrets) {
            this.secrets = List.copyOf(webhookSecrets);
            return this;
        }

        /** Already parsed keys (each with its own key mode, or raw bytes). */
        public Builder webhookKeys(List<WebhookKey> webhookKeys) {
            this.keys = List.copyOf(webhookKeys);
            return this;
        }

        /** How secret strings become keys (default {@code IMAGEKIT}). */
        public Builder keyMode(KeyMode keyMode) {
            this.keyMode = keyMode;
            return this;
        }

        /** How far the signed timestamp may be from now, both ways (default 5 minutes). */
        public Builder tolerance(Duration tolerance) {
            this.toleranceSeconds = tolerance.getSeconds();
            return this;
        }

        /** Also accept ImageKit's legacy {@code x-ik-signature} header. */
        public Builder legacy(boolean legacy) {
            this.legacy = legacy;
            return this;
        }

        /** Largest accepted body (default 1 MiB). */
        public Builder maxPayloadBytes(long maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /** Refuse a second delivery of a message id (in memory, or Redis shared by every receiver).
         * Unset: {@code HOOKSEAL_REPLAY_GUARD} may turn one on. */
        public Builder replayGuard(ReplayGuard replayGuard) {
            this.replayGuard = replayGuard;
            return this;
        }

        /**
         * The client. Without a secret it builds, but every {@code unwrap} throws
         * {@code invalid_secret} (as the SDK does without one).
         *
         * @throws ImageKitWebhookException {@code invalid_secret} for a malformed secret
         */
        public ImageKitClient build() {
            WebhookOptions options = new WebhookOptions(toleranceSeconds, keyMode, legacy, maxPayloadBytes, replayGuard);
            ImageKitWebhooks webhooks;
            try {
                if (keys != null) {
                    webhooks = ImageKitWebhooks.Companion.withKeys(keys, options);
                } else if (secrets != null) {
                    webhooks = ImageKitWebhooks.Companion.withOptions(secrets, options);
                } else {
                    webhooks = null;
                }
            } catch (WebhookException e) {
                throw new ImageKitWebhookException(e);
            }
            WebhookService service = new WebhookServiceImpl(webhooks);
            return () -> service;
        }
    }
}
