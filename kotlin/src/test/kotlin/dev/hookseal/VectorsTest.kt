package dev.hookseal

import org.json.JSONArray
import org.json.JSONObject
import org.json.JSONParserConfiguration
import org.json.JSONTokener
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File

/**
 * Runs every case of every shared vector file (tests/vectors, read in place) through the Kotlin
 * API, one dynamic test per file, and asserts each file's numberOfTests.
 */
class VectorsTest {
    private val dir = File(System.getProperty("hookseal.vectors") ?: "../tests/vectors")

    @TestFactory
    fun everySharedVector(): List<DynamicTest> {
        val files = dir.listFiles { f -> f.name.endsWith(".json") && f.name != "schema.json" }
            ?.sortedBy { it.name }.orEmpty()
        assertTrue(files.size >= 7, "expected the vector files in ${dir.absolutePath}, found ${files.size}")
        return files.map { file ->
            DynamicTest.dynamicTest(file.name) {
                val doc = JSONObject(file.readText())
                assertEquals("hookseal-vectors-v1", doc.getString("schema"))
                val tests = doc.getJSONArray("tests")
                val failures = mutableListOf<String>()
                var ran = 0
                for (i in 0 until tests.length()) {
                    val case = tests.getJSONObject(i)
                    try {
                        runCase(case)
                    } catch (e: AssertionError) {
                        failures += "tcId ${case.getInt("tcId")} (${case.optString("comment")}): ${e.message}"
                    }
                    ran++
                }
                assertTrue(failures.isEmpty(), "${file.name}: ${failures.size} failing cases:\n" + failures.joinToString("\n"))
                assertEquals(doc.getInt("numberOfTests"), ran, "${file.name}: ran $ran cases")
                println("kotlin vectors ${file.name}: $ran cases passed")
            }
        }
    }

    private fun hex(s: String) = ByteArray(s.length / 2) { s.substring(it * 2, it * 2 + 2).toInt(16).toByte() }

    private fun bodyOf(o: JSONObject): ByteArray? = when {
        o.has("body") -> o.getString("body").encodeToByteArray()
        o.has("bodyHex") -> hex(o.getString("bodyHex"))
        o.has("bodyRepeat") -> o.getJSONObject("bodyRepeat").let { r ->
            r.getString("chunk").repeat(r.getInt("count")).encodeToByteArray()
        }
        else -> null
    }

    private fun keysOf(case: JSONObject): List<WebhookKey> {
        val keys = case.optJSONArray("keys") ?: return emptyList()
        return (0 until keys.length()).map { i ->
            val k = keys.getJSONObject(i)
            // A secret given as bytes: in Kotlin and Java that is `WebhookKey.fromBytes`, whatever
            // key mode the rest of the configuration uses (the core's rule).
            if (k.has("bytesHex")) return@map WebhookKey.fromBytes(hex(k.getString("bytesHex")))
            when (val mode = k.getString("mode")) {
                "raw" -> WebhookKey.fromBytes(hex(k.getString("hex")))
                "imagekit" -> WebhookKey.parse(k.getString("secret"), KeyMode.IMAGEKIT)
                "standard" -> WebhookKey.parse(k.getString("secret"), KeyMode.STANDARD)
                else -> throw AssertionError("unknown key mode $mode")
            }
        }
    }

    private fun optionsOf(case: JSONObject): WebhookOptions {
        val o = case.optJSONObject("options") ?: JSONObject()
        return WebhookOptions(
            toleranceSeconds = o.optLong("tolerance", 300),
            legacy = o.optBoolean("legacy", false),
            maxPayloadBytes = o.optLong("maxPayloadBytes", 1_048_576),
            replayGuard = if (o.optBoolean("replayGuard", false)) InMemoryReplayGuard() else null,
        )
    }

    /** Runs `block`; checks its outcome against `expect`'s result/code/keyIndex. */
    private fun <T> expect(expect: JSONObject, keyIndex: (T) -> Int? = { null }, block: () -> T): T? {
        val got = try {
            block()
        } catch (e: WebhookException) {
            if (expect.getString("result") == "ok") throw AssertionError("expected ok, got ${e.code}: ${e.message}")
            assertEquals(expect.getString("code"), e.code, "error code (message: ${e.message})")
            return null
        }
        if (expect.getString("result") != "ok") throw AssertionError("expected ${expect.getString("code")}, got ok")
        if (expect.has("keyIndex")) assertEquals(expect.getInt("keyIndex"), keyIndex(got), "keyIndex")
        return got
    }

    private fun runCase(case: JSONObject) {
        when (val op = case.getString("operation")) {
            "build" -> expect(case) { Webhook.withKeys(keysOf(case), optionsOf(case)) }
            "verify", "unwrap" -> {
                // Both entry points share one core verifier; run one through each.
                val keys = keysOf(case)
                val options = optionsOf(case)
                val standard = if (op == "verify") Webhook.withKeys(keys, options) else null
                val imagekit = if (op == "unwrap") ImageKitWebhooks.withKeys(keys, options) else null
                val step = JSONObject(case.toString())
                val deliveries = listOf(case) + (case.optJSONArray("then")?.let { t -> (0 until t.length()).map { t.getJSONObject(it) } } ?: emptyList())
                deliveries.forEachIndexed { i, next ->
                    if (i > 0) {
                        // A later delivery inherits what it does not override.
                        if (listOf("body", "bodyHex", "bodyRepeat").any { next.has(it) }) {
                            listOf("body", "bodyHex", "bodyRepeat").forEach { step.remove(it) }
                        }
                        step.remove("keyIndex"); step.remove("code")
                        next.keys().forEach { step.put(it, next.get(it)) }
                    }
                    val body = bodyOf(step)!!
                    val h = step.getJSONArray("headers")
                    val headers = (0 until h.length()).map { HeaderPair(h.getJSONArray(it).getString(0), h.getJSONArray(it).getString(1)) }
                    val now = step.getLong("now")
                    try {
                        if (standard != null) {
                            expect(step, { v: Verification -> v.keyIndex }) { standard.verifyHeaders(body, headers, now) }
                        } else {
                            val got = expect(step, { v: VerifiedEvent -> v.verification.keyIndex }) {
                                imagekit!!.unwrapHeaders(body, headers, now = now)
                            }
                            if (got != null && step.has("event")) checkEvent(got.event, step.getJSONObject("event"), body)
                        }
                    } catch (e: AssertionError) {
                        throw AssertionError("delivery $i: ${e.message}")
                    }
                }
            }
            "unsafe_unwrap" -> {
                val body = bodyOf(case)!!
                val got = expect(case) { unsafeUnwrap(body) }
                if (got != null) checkEvent(got, case.getJSONObject("event"), body)
            }
            "sign", "sign_legacy" -> {
                val body = bodyOf(case)!!
                val sig = expect(case) {
                    val signer = WebhookSigner.fromKey(keysOf(case).single())
                    if (op == "sign") signer.sign(case.getString("msgId"), case.getLong("timestamp"), body)
                    else signer.signLegacy(case.getLong("timestamp"), body)
                }
                if (sig != null) assertEquals(case.getString("signature"), sig, "signature")
            }
            else -> throw AssertionError("unknown operation $op")
        }
    }

    private fun checkEvent(event: WebhookEvent, want: JSONObject, body: ByteArray) {
        assertEquals(body.decodeToString(), event.raw, "raw is the body as sent")
        assertEquals(want.getString("type"), event.eventType, "type")
        assertEquals(if (want.isNull("id")) null else want.getString("id"), event.id, "id")
        assertEquals(want.getBoolean("known"), event.isKnown, "known")
        assertEquals(want.getBoolean("known"), event.payload !is EventPayload.Unknown, "payload case")
        assertEquals(if (want.isNull("createdAtMs")) null else want.getLong("createdAtMs"), event.createdAtMs, "createdAtMs")
        val raw = lastWins(event.raw)
        val fields = want.getJSONObject("fields")
        for (path in fields.keySet()) {
            val expected = fields.get(path)
            val gotRaw = rawPath(raw, path)
            assertTrue(same(gotRaw, expected), "raw $path = $gotRaw, want $expected")
            // Known events expose the field through the typed payload too (camelCase properties).
            if (event.isKnown && path.substringBefore('.') in setOf("data", "request", "timings")) {
                val typed = typedPath(event.payload, path)
                assertTrue(same(typed, expected), "typed $path = $typed, want $expected")
            }
        }
    }

    /** JSON as every parser the bindings use reads it: a repeated key keeps its last value. */
    private fun lastWins(text: String): JSONObject {
        val config = JSONParserConfiguration().withOverwriteDuplicateKey(true)
        return JSONObject(JSONTokener(text, config), config)
    }

    private fun rawPath(v: Any?, path: String): Any? = path.split('.').fold(v) { cur, k ->
        when (cur) {
            is JSONObject -> if (cur.has(k)) cur.get(k) else null
            is JSONArray -> k.toIntOrNull()?.let { cur.opt(it) }
            else -> null
        }
    }


    /** Walks the typed payload by Java getters, so every listed field is checked, not a chosen few. */
    private fun typedPath(payload: EventPayload, path: String): Any? = path.split('.').fold(payload as Any?) { cur, k ->
        when (cur) {
            null -> null
            is List<*> -> k.toIntOrNull()?.let { cur.getOrNull(it) }
            is String -> rawPath(lastWins(cur), k) // metadata objects are JSON text
            else -> {
                val prop = propertyNameOf(k)
                val getter = cur.javaClass.methods.firstOrNull {
                    it.parameterCount == 0 && (it.name == "get" + prop.replaceFirstChar { c -> c.uppercase() } || it.name == prop)
                } ?: throw AssertionError("no typed property $prop on ${cur.javaClass.simpleName} for $path")
                getter.invoke(cur)
            }
        }
    }

    private fun same(a: Any?, b: Any?): Boolean = when {
        a is Number && b is Number -> a.toDouble() == b.toDouble()
        else -> a == b
    }
}
