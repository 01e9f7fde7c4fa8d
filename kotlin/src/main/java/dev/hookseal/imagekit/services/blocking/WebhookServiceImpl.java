package dev.hookseal.imagekit.services.blocking;

import dev.hookseal.HeaderPair;
import dev.hookseal.ImageKitWebhooks;
import dev.hookseal.Verification;
import dev.hookseal.WebhookException;
import dev.hookseal.imagekit.core.UnwrapWebhookParams;
import dev.hookseal.imagekit.core.http.Headers;
import dev.hookseal.imagekit.errors.ImageKitWebhookException;
import dev.hookseal.imagekit.models.webhooks.UnwrapWebhookEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@link WebhookService} of the client: every check runs in the hookseal core. */
public final class WebhookServiceImpl implements WebhookService {
    private final ImageKitWebhooks webhooks;

    /** Over a configured verifier ({@code null}: no secret, every call but unsafeUnwrap throws). */
    public WebhookServiceImpl(ImageKitWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    private static List<HeaderPair> pairs(Headers headers) {
        List<HeaderPair> out = new ArrayList<>();
        if (headers != null) {
            for (String name : headers.names()) {
                for (String value : headers.values(name)) {
                    out.add(new HeaderPair(name, value));
                }
            }
        }
        return out;
    }

    private ImageKitWebhooks checker() {
        if (webhooks == null) {
            throw new ImageKitWebhookException(new WebhookException.InvalidSecret(
                    "no webhook secret: pass webhookSecret(...) to the client builder, a secret in the params, or set "
                            + "IMAGEKIT_WEBHOOK_SECRET"));
        }
        return webhooks;
    }

    @Override
    public UnwrapWebhookEvent unwrap(UnwrapWebhookParams params) {
        try {
            return UnwrapWebhookEvent.of(checker()
                    .unwrapHeaders(params.bodyBytes(), pairs(params.headers().orElse(null)),
                            params.secret().orElse(null), params.now().orElse(null))
                    .getEvent());
        } catch (WebhookException e) {
            throw new ImageKitWebhookException(e);
        }
    }

    @Override
    public UnwrapWebhookEvent unwrap(String body, Map<String, String> headers) {
        return unwrap(UnwrapWebhookParams.builder().body(body).headers(headers).build());
    }

    @Override
    public UnwrapWebhookEvent unwrap(byte[] body, Headers headers) {
        return unwrap(UnwrapWebhookParams.builder().body(body).headers(headers).build());
    }

    @Override
    public UnwrapWebhookEvent unwrap(String body) {
        return unwrap(UnwrapWebhookParams.builder().body(body).build());
    }

    @Override
    public Verification verify(UnwrapWebhookParams params) {
        try {
            if (params.secret().isPresent()) {
                // A per-call secret: the same check as unwrap, which takes one.
                return checker().unwrapHeaders(params.bodyBytes(), pairs(params.headers().orElse(null)),
                        params.secret().get(), params.now().orElse(null)).getVerification();
            }
            return checker().verifyHeaders(params.bodyBytes(), pairs(params.headers().orElse(null)),
                    params.now().orElse(null));
        } catch (WebhookException e) {
            throw new ImageKitWebhookException(e);
        }
    }

    @Override
    public UnwrapWebhookEvent unsafeUnwrap(String body) {
        try {
            return UnwrapWebhookEvent.of(dev.hookseal.Hookseal_uniffiKt.unsafeUnwrap(body.getBytes(StandardCharsets.UTF_8)));
        } catch (WebhookException e) {
            throw new ImageKitWebhookException(e);
        }
    }
}
