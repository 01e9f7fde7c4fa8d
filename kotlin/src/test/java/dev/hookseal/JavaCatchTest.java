package dev.hookseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java can {@code catch (WebhookException e)} around every public constructor and function that
 * throws it. The proof is mostly that this file compiles: WebhookException is a checked exception
 * for javac, which rejects a catch the try block cannot throw, so each try block below holds
 * exactly one throwing call, and a call whose JVM signature lost its {@code throws} clause (Kotlin
 * writes one only for {@code @Throws}) breaks the build. Where an input makes the call fail, the
 * code is asserted too. ThrowsDeclarationsTest checks the same declarations by reflection.
 */
class JavaCatchTest {
    static final String SECRET = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"; // imagekit mode
    static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String PUBLIC_KEY = "whpk_uA3nXdRSjMYN5dou70QzmW98AabXPvkV+8wUcwriGpU="; // cannot sign
    static final String BODY =
            "{\"id\":\"id\",\"type\":\"file.deleted\",\"created_at\":\"2019-12-27T18:11:19.117Z\",\"data\":{\"fileId\":\"abc\"}}";
    static final byte[] BYTES = BODY.getBytes(StandardCharsets.UTF_8);
    static final byte[] NOT_AN_EVENT = "[]".getBytes(StandardCharsets.UTF_8);
    static final long NOW = 1674087231L;
    static final String GENUINE = "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=";
    static final String FORGED = "v1,4UJiwJx94QIqFgB2vIWrlXhMdpwupVYB03zdOEYU1Ck=";

    static Map<String, String> headers(String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
        h.put("webhook-timestamp", Long.toString(NOW));
        h.put("webhook-signature", signature);
        return h;
    }

    static List<HeaderPair> pairs(String timestamp) {
        return List.of(
                new HeaderPair("webhook-id", "msg_1"),
                new HeaderPair("webhook-timestamp", timestamp),
                new HeaderPair("webhook-signature", GENUINE));
    }

    static void is(String code, WebhookException e) {
        assertEquals(code, Hookseal.getCode(e), e.getMessage());
    }

    static AssertionError unexpected(WebhookException e) {
        return new AssertionError("unexpected " + Hookseal.getCode(e), e);
    }

    static WebhookKey publicKey() throws WebhookException {
        return WebhookKey.Companion.parse(PUBLIC_KEY, KeyMode.STANDARD);
    }

    // The two failures a receiver meets, with what it answers: a bad secret and a bad signature.

    @Test
    void aBadSecretIsCaughtFromTheConstructorWithItsCodeAndStatus() {
        try {
            new ImageKitWebhooks("");
            fail("an empty secret must not build");
        } catch (WebhookException e) {
            assertEquals("invalid_secret", Hookseal.getCode(e));
            assertEquals(500, Hookseal.getHttpStatus(e));
        }
    }

    @Test
    void aBadSignatureIsCaughtWithItsCodeAndStatus() throws WebhookException {
        ImageKitWebhooks webhooks = new ImageKitWebhooks(SECRET);
        try {
            webhooks.unwrap(BYTES, headers(FORGED), null, NOW);
            fail("a forged signature must not verify");
        } catch (WebhookException e) {
            assertEquals("invalid_signature", Hookseal.getCode(e));
            assertEquals(401, Hookseal.getHttpStatus(e));
        }
    }

    @Test
    void primaryConstructors() {
        try { new Webhook("whsec_not base64!"); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { new WebhookSigner("", KeyMode.IMAGEKIT); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        // ReplayGuard's in-memory constructor cannot fail, so it declares nothing (no try needed).
        assertEquals(5L, new ReplayGuard(5L).capacity());
    }

    @Test
    void alternateConstructors() throws WebhookException {
        WebhookOptions options = new WebhookOptions();
        WebhookKey pub = publicKey();
        try { ImageKitWebhooks.Companion.withOptions(List.of(), options); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { ImageKitWebhooks.Companion.withKeys(List.of(), options); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { Webhook.Companion.withOptions(List.of("whsec_not base64!"), options); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { Webhook.Companion.withKeys(List.of(), options); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { WebhookKey.Companion.parse("", KeyMode.IMAGEKIT); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { WebhookKey.Companion.fromBytes(new byte[0]); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { WebhookSigner.Companion.fromKey(pub); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
        try { ReplayGuard.Companion.redis("not a url", null, null, null, null); fail(); } catch (WebhookException e) { is("replay_guard_unavailable", e); }
    }

    @Test
    void imageKitWebhooksMethods() throws WebhookException {
        ImageKitWebhooks ik = new ImageKitWebhooks(SECRET);
        ImageKitWebhooks verifyOnly = ImageKitWebhooks.Companion.withKeys(List.of(publicKey()), new WebhookOptions());
        try { ik.unwrap(BYTES, headers(GENUINE), null, NOW); } catch (WebhookException e) { throw unexpected(e); }
        try { ik.unwrapHeaders(BYTES, List.of(), null, NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { ik.verify(BYTES, new HashMap<>(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { ik.verifyHeaders(BYTES, pairs("x1"), NOW); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { ik.unsafeUnwrap(NOT_AN_EVENT); fail(); } catch (WebhookException e) { is("invalid_payload", e); }
        try { ik.sign("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { verifyOnly.testHeaders(BYTES); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
    }

    @Test
    void webhookMethods() throws WebhookException {
        Webhook wh = new Webhook(STANDARD_SECRET);
        Webhook verifyOnly = Webhook.Companion.withKeys(List.of(publicKey()), new WebhookOptions());
        // GENUINE is signed in imagekit mode: in standard mode it does not verify.
        try { wh.verify(BYTES, headers(GENUINE), NOW); fail(); } catch (WebhookException e) { is("invalid_signature", e); }
        try { wh.verifyHeaders(BYTES, List.of(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { wh.unwrap(BYTES, new HashMap<>(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { wh.unwrapHeaders(BYTES, pairs("x1"), NOW); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { wh.sign("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { verifyOnly.testHeaders(BYTES); fail(); } catch (WebhookException e) { is("invalid_secret", e); }
    }

    @Test
    void webhookSignerMethods() throws WebhookException {
        WebhookSigner signer = new WebhookSigner(SECRET, KeyMode.IMAGEKIT);
        try { signer.sign("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { signer.signLegacy(-1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { signer.headers("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { signer.testHeaders(BYTES); } catch (WebhookException e) { throw unexpected(e); }
    }

    /** Code written against the generated interfaces (to mock them, say) catches the same way. */
    @Test
    void throughTheInterfaces() throws WebhookException {
        ImageKitWebhooksInterface ik = new ImageKitWebhooks(SECRET);
        try { ik.unwrap(BYTES, headers(FORGED), null, NOW); fail(); } catch (WebhookException e) { is("invalid_signature", e); }
        try { ik.unwrapHeaders(BYTES, List.of(), null, NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { ik.verify(BYTES, new HashMap<>(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { ik.verifyHeaders(BYTES, List.of(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { ik.unsafeUnwrap(NOT_AN_EVENT); fail(); } catch (WebhookException e) { is("invalid_payload", e); }
        try { ik.sign("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { ik.testHeaders(BYTES); } catch (WebhookException e) { throw unexpected(e); }

        WebhookInterface wh = new Webhook(STANDARD_SECRET);
        try { wh.verify(BYTES, headers(GENUINE), NOW); fail(); } catch (WebhookException e) { is("invalid_signature", e); }
        try { wh.verifyHeaders(BYTES, List.of(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { wh.unwrap(BYTES, new HashMap<>(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { wh.unwrapHeaders(BYTES, List.of(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { wh.sign("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { wh.testHeaders(BYTES); } catch (WebhookException e) { throw unexpected(e); }

        WebhookSignerInterface signer = new WebhookSigner(SECRET, KeyMode.IMAGEKIT);
        try { signer.sign("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { signer.signLegacy(-1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { signer.headers("msg_1", -1, BYTES); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { signer.testHeaders(BYTES); } catch (WebhookException e) { throw unexpected(e); }
    }

    @Test
    void topLevelFunctions() {
        try { Hookseal_uniffiKt.unsafeUnwrap(NOT_AN_EVENT); fail(); } catch (WebhookException e) { is("invalid_payload", e); }
        try { Hookseal_uniffiKt.replayGuardFromSpec("bogus"); fail(); } catch (WebhookException e) { is("replay_guard_unavailable", e); }
        try { Hookseal_uniffiKt.throwErrorForCode("replayed"); fail(); } catch (WebhookException e) { is("replayed", e); }
    }

    /** The hand-written String overloads in Hookseal.kt. */
    @Test
    void handWrittenKotlin() throws WebhookException {
        ImageKitWebhooks ik = new ImageKitWebhooks(SECRET);
        Webhook wh = new Webhook(STANDARD_SECRET);
        WebhookSigner signer = new WebhookSigner(SECRET, KeyMode.IMAGEKIT);
        try { Hookseal.unwrap(ik, BODY, headers(FORGED), null, NOW); fail(); } catch (WebhookException e) { is("invalid_signature", e); }
        try { Hookseal.verify(ik, BODY, new HashMap<>(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { Hookseal.unsafeUnwrap(ik, "[]"); fail(); } catch (WebhookException e) { is("invalid_payload", e); }
        try { Hookseal.verify(wh, BODY, headers(GENUINE), NOW); fail(); } catch (WebhookException e) { is("invalid_signature", e); }
        try { Hookseal.unwrap(wh, BODY, new HashMap<>(), NOW); fail(); } catch (WebhookException e) { is("missing_header", e); }
        try { Hookseal.sign(wh, "msg_1", -1, BODY); fail(); } catch (WebhookException e) { is("invalid_timestamp", e); }
        try { Hookseal.testHeaders(signer, BODY); } catch (WebhookException e) { throw unexpected(e); }
    }
}
