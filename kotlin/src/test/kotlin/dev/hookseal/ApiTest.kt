package dev.hookseal

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class ApiTest {
    // contract §9, vector C (imagekit key mode).
    private val secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
    private val body = """{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}"""
    private val headers = mapOf(
        "webhook-id" to "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        "webhook-timestamp" to "1674087231",
        "webhook-signature" to "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=",
    )
    private val now = 1674087231L

    @Test
    fun imageKitUnwrapMatchesTheSpecVector() {
        val webhooks = ImageKitWebhooks(webhookSecret = secret)
        val event = webhooks.unwrap(body, headers, now = now)
        assertEquals("file.deleted", event.eventType)
        assertEquals(1577470279117L, event.createdAtMs)
        val payload = event.payload
        assertTrue(payload is EventPayload.FileDeleted)
        assertEquals("abc", (payload as EventPayload.FileDeleted).data.fileId)
        assertEquals("abc", JSONObject(event.raw).getJSONObject("data").getString("fileId"))
        // Bytes and String bodies verify the same.
        assertEquals(event, webhooks.unwrap(body.encodeToByteArray(), headers, now = now))
        // Header names are case-insensitive.
        webhooks.unwrap(body, headers.mapKeys { it.key.uppercase() }, now = now)
    }

    @Test
    fun theSameSecretInStandardModeDoesNotVerify() {
        val e = assertThrows<WebhookException.InvalidSignature> { Webhook(secret).verify(body, headers, now) }
        assertEquals("invalid_signature", e.code)
        // The message helps with the key mode and never contains the secret.
        assertTrue(e.message!!.contains("key mode"), e.message)
        assertFalse(e.message!!.contains("xeO2UNk"), e.message)
    }

    @Test
    fun perCallKeyReplacesTheConfiguredSecret() {
        val webhooks = ImageKitWebhooks("whsec_someOtherSecretAAAAAAAAAAAAAAAA")
        assertThrows<WebhookException.InvalidSignature> { webhooks.unwrap(body, headers, now = now) }
        assertEquals("file.deleted", webhooks.unwrap(body, headers, key = secret, now = now).eventType)
    }

    @Test
    fun standardWebhookDropIn() {
        // contract §9, vector A.
        val wh = Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        val payload = """{"test": 2432232314}"""
        val sig = wh.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, payload)
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", sig)
        val v = wh.verify(
            payload,
            mapOf("webhook-id" to "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp" to "1614265330", "webhook-signature" to sig),
            now = 1614265330,
        )
        assertEquals("msg_p5jXN8AQM9LWM0D4loKWxJek", v.id)
        assertEquals(0, v.keyIndex)
        assertEquals(Scheme.V1, v.scheme)
        // Without `now`, the real clock applies: this 2021 message is stale.
        assertThrows<WebhookException.TimestampTooOld> {
            wh.verify(payload, mapOf("webhook-id" to "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp" to "1614265330", "webhook-signature" to sig))
        }
    }

    @Test
    fun severalSecretsReportTheMatchingIndex() {
        val webhooks = ImageKitWebhooks.withOptions(listOf("whsec_old", secret), WebhookOptions())
        val got = webhooks.unwrapHeaders(body.encodeToByteArray(), headers.map { HeaderPair(it.key, it.value) }, now = now)
        assertEquals(1, got.verification.keyIndex)
        assertEquals("abc", (got.event.payload as EventPayload.FileDeleted).data.fileId)
    }

    @Test
    fun optionsToleranceLegacyAndSize() {
        val tight = ImageKitWebhooks.withOptions(listOf(secret), WebhookOptions(toleranceSeconds = 10))
        assertThrows<WebhookException.TimestampTooOld> { tight.unwrap(body, headers, now = now + 11) }
        assertThrows<WebhookException.TimestampTooNew> { tight.unwrap(body, headers, now = now - 11) }
        val small = ImageKitWebhooks.withOptions(listOf(secret), WebhookOptions(maxPayloadBytes = 10))
        assertThrows<WebhookException.PayloadTooLarge> { small.unwrap(body, headers, now = now) }

        val signer = WebhookSigner(secret, KeyMode.IMAGEKIT)
        val legacyHeaders = mapOf("x-ik-signature" to signer.signLegacy(now * 1000, body.encodeToByteArray()))
        assertThrows<WebhookException.MissingHeader> { ImageKitWebhooks(secret).unwrap(body, legacyHeaders, now = now) }
        val legacy = ImageKitWebhooks.withOptions(listOf(secret), WebhookOptions(legacy = true))
        assertEquals("file.deleted", legacy.unwrap(body, legacyHeaders, now = now).eventType)
        assertEquals(Scheme.LEGACY, legacy.verify(body, legacyHeaders, now = now).scheme)

        // keyMode = STANDARD turns the ImageKit entry point into a Standard Webhooks verifier.
        val std = ImageKitWebhooks.withOptions(listOf("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), WebhookOptions(keyMode = KeyMode.STANDARD))
        val sig = std.sign("m", now, body.encodeToByteArray())
        assertEquals(sig, WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", KeyMode.STANDARD).sign("m", now, body.encodeToByteArray()))
    }

    @Test
    fun replayGuardRejectsASecondDelivery() {
        val guard = InMemoryReplayGuard()
        val webhooks = ImageKitWebhooks.withOptions(listOf(secret), WebhookOptions(replayGuard = guard))
        val v = webhooks.verify(body, headers, now = now)
        assertEquals(ReplayStatus.RECORDED, v.replay)
        assertEquals(1L, guard.size())
        val e = assertThrows<WebhookException.Replayed> { webhooks.unwrap(body, headers, now = now + 1) }
        assertEquals("replayed", e.code)
        // Still replayed at twice the tolerance; forgotten a second later (contract §5.3).
        val resigned = { at: Long ->
            headers.plus("webhook-timestamp" to "$at").let { h ->
                h.plus("webhook-signature" to WebhookSigner(secret, KeyMode.IMAGEKIT).sign(h["webhook-id"]!!, at, body.encodeToByteArray()))
            }
        }
        assertThrows<WebhookException.Replayed> { webhooks.unwrap(body, resigned(now + 600), now = now + 600) }
        webhooks.unwrap(body, resigned(now + 601), now = now + 601)
        // A full guard fails closed.
        val tiny = InMemoryReplayGuard(capacity = 1)
        val guarded = ImageKitWebhooks.withOptions(listOf(secret), WebhookOptions(replayGuard = tiny))
        guarded.verify(body, headers, now = now)
        val signer = WebhookSigner(secret, KeyMode.IMAGEKIT)
        val other = signer.headers("msg_other", now, body.encodeToByteArray())
        assertThrows<WebhookException.ReplayGuardUnavailable> { guarded.verify(body, other, now = now) }
    }

    // The core's ErrorKind::http_status, which receivers answer with.
    private val HTTP_STATUS = mapOf(
        "missing_header" to 401, "invalid_header" to 400, "invalid_timestamp" to 400,
        "timestamp_too_old" to 401, "timestamp_too_new" to 401, "invalid_signature" to 401,
        "invalid_secret" to 500, "invalid_payload" to 400, "payload_too_large" to 413,
        "replayed" to 401, "replay_guard_unavailable" to 503,
    )

    @Test
    fun everyCoreErrorCodeIsANativeException() {
        val codes = errorCodes()
        assertEquals(11, codes.size, "contract §7 lists 11 codes; update this test and the bindings together")
        for (code in codes) {
            val e = assertThrows<WebhookException>("code $code") { throwErrorForCode(code) }
            assertEquals(code, e.code, "core code $code comes back as ${e.javaClass.simpleName}")
            assertEquals("${code.split('_').joinToString("") { it.replaceFirstChar(Char::uppercase) }}", e.javaClass.simpleName)
        }
        val statuses = codes.associateWith { code -> assertThrows<WebhookException> { throwErrorForCode(code) }.httpStatus }
        assertEquals(HTTP_STATUS, statuses, "the core's HTTP status per code")
        val subclasses = WebhookException::class.java.declaredClasses.filter { WebhookException::class.java.isAssignableFrom(it) }
        assertEquals(codes.size, subclasses.size, "one WebhookException subclass per core code")
    }

    @Test
    fun secretsNeverReachToString() {
        val key = WebhookKey.parse(secret, KeyMode.IMAGEKIT)
        assertFalse(key.toString().contains("xeO2UNk"), key.toString())
        assertTrue(key.toString().contains("redacted"), key.toString())
        assertFalse(ImageKitWebhooks(secret).toString().contains("xeO2UNk"))
    }

    @Test
    fun invalidSecretsFailWhenBuilding() {
        assertThrows<WebhookException.InvalidSecret> { ImageKitWebhooks("") }
        assertThrows<WebhookException.InvalidSecret> { Webhook("whsec_not base64!") }
        assertThrows<WebhookException.InvalidSecret> { ImageKitWebhooks.withOptions(emptyList(), WebhookOptions()) }
    }

    @Test
    fun unsafeUnwrapAndUnknownTypes() {
        val e = ImageKitWebhooks(secret).unsafeUnwrap("""{"type":"brand.new","id":"x","extra":{"n":1}}""")
        assertFalse(e.isKnown)
        assertEquals(EventPayload.Unknown, e.payload)
        assertEquals(1, JSONObject(e.raw).getJSONObject("extra").getInt("n"))
        assertThrows<WebhookException.InvalidPayload> { unsafeUnwrap("[]".encodeToByteArray()) }
    }

    @Test
    fun everySampleBodyParsesAsItsType() {
        val types = eventTypes()
        assertEquals(15, types.size)
        for (t in types) {
            val e = unsafeUnwrap(sampleBody(t)!!.encodeToByteArray())
            assertEquals(t, e.eventType)
            assertTrue(e.isKnown)
            assertNotNull(e.createdAtMs)
        }
    }

    @Test
    fun testHeadersVerify() {
        val webhooks = ImageKitWebhooks(secret)
        val h = webhooks.testHeaders(body.encodeToByteArray())
        assertTrue(h.getValue("webhook-id").startsWith("msg_"))
        assertEquals("file.deleted", webhooks.unwrap(body, h).eventType)
        assertEquals(h.keys, setOf("webhook-id", "webhook-timestamp", "webhook-signature"))
    }

    @Test
    fun theNativeLibraryComesFromTheClassPath() {
        // JNA finds it as a resource: no jna.library.path is set.
        assertEquals(null, System.getProperty("jna.library.path"))
        assertNotNull(javaClass.classLoader.getResource("linux-x86-64/libhookseal_uniffi.so"))
    }
}
