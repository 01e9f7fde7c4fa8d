// Hand-written conveniences over the generated bindings (hookseal_uniffi.kt, produced by
// uniffi-bindgen at build time). Conversions only: every check happens in the Rust core.
@file:JvmName("Hookseal")

package dev.hookseal

/**
 * The stable error code (contract §7), e.g. `"invalid_signature"`. Java: `Hookseal.getCode(e)`.
 * The `when` is exhaustive, so a new error case fails the build until it has its code.
 */
val WebhookException.code: String
    get() = when (this) {
        is WebhookException.MissingHeader -> "missing_header"
        is WebhookException.InvalidHeader -> "invalid_header"
        is WebhookException.InvalidTimestamp -> "invalid_timestamp"
        is WebhookException.TimestampTooOld -> "timestamp_too_old"
        is WebhookException.TimestampTooNew -> "timestamp_too_new"
        is WebhookException.InvalidSignature -> "invalid_signature"
        is WebhookException.InvalidSecret -> "invalid_secret"
        is WebhookException.InvalidPayload -> "invalid_payload"
        is WebhookException.PayloadTooLarge -> "payload_too_large"
        is WebhookException.Replayed -> "replayed"
        is WebhookException.ReplayGuardUnavailable -> "replay_guard_unavailable"
    }

/**
 * The HTTP status a receiver answers with, from the core: 401 not genuine (missing headers, bad
 * signature, stale, replayed), 400 malformed, 413 too large, 500 a bad secret, 503 the replay
 * store is down (the sender retries). Java: `Hookseal.getHttpStatus(e)`.
 */
val WebhookException.httpStatus: Int
    get() = httpStatusForCode(code)?.toInt() ?: 400

/**
 * Headers as a list of pairs from a multi-valued map (JDK `HttpServer`, servlets, Spring's
 * `HttpHeaders`), keeping repeats, for `verifyHeaders`/`unwrapHeaders`.
 */
fun headerPairsOf(headers: Map<String, List<String>>): List<HeaderPair> =
    headers.flatMap { (name, values) -> values.map { HeaderPair(name, it) } }

/** [ImageKitWebhooks.unwrap] for a body already decoded as a string (its UTF-8 bytes are verified). */
@Throws(WebhookException::class)
fun ImageKitWebhooks.unwrap(
    payload: String,
    headers: Map<String, String>,
    key: String? = null,
    now: Long? = null,
): WebhookEvent = unwrap(payload.encodeToByteArray(), headers, key, now)

/** [ImageKitWebhooks.verify] for a string body. */
@Throws(WebhookException::class)
fun ImageKitWebhooks.verify(payload: String, headers: Map<String, String>, now: Long? = null): Verification =
    verify(payload.encodeToByteArray(), headers, now)

/** [ImageKitWebhooks.unsafeUnwrap] for a string body. Development and tests only. */
@Throws(WebhookException::class)
fun ImageKitWebhooks.unsafeUnwrap(payload: String): WebhookEvent = unsafeUnwrap(payload.encodeToByteArray())

/** [Webhook.verify] for a string body, as in the Standard Webhooks reference library. */
@Throws(WebhookException::class)
fun Webhook.verify(payload: String, headers: Map<String, String>, now: Long? = null): Verification =
    verify(payload.encodeToByteArray(), headers, now)

/** [Webhook.unwrap] for a string body. */
@Throws(WebhookException::class)
fun Webhook.unwrap(payload: String, headers: Map<String, String>, now: Long? = null): WebhookEvent =
    unwrap(payload.encodeToByteArray(), headers, now)

/** [Webhook.sign] for a string body, as in the Standard Webhooks reference library. */
@Throws(WebhookException::class)
fun Webhook.sign(msgId: String, timestamp: Long, payload: String): String =
    sign(msgId, timestamp, payload.encodeToByteArray())

/** [WebhookSigner.testHeaders] for a string body. */
@Throws(WebhookException::class)
fun WebhookSigner.testHeaders(payload: String): Map<String, String> = testHeaders(payload.encodeToByteArray())

/**
 * The former name of [ReplayGuard], whose primary constructor is the in-memory guard: code written
 * as `InMemoryReplayGuard(capacity = ...)` keeps compiling. Java: `new ReplayGuard(capacity)`.
 */
typealias InMemoryReplayGuard = ReplayGuard
