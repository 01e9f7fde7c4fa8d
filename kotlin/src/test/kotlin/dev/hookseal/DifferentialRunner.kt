package dev.hookseal

import org.json.JSONArray
import org.json.JSONObject
import org.json.JSONParserConfiguration
import org.json.JSONTokener
import java.io.File

/**
 * The Kotlin/JVM runner of the cross-language differential run (tests/differential/README.md):
 * cases (JSON lines) in, one answer per case out, through the Kotlin API. Run by
 * tests/differential/run.sh with the test classpath:
 * `java -cp ... dev.hookseal.DifferentialRunner cases.jsonl answers.jsonl`.
 * The typed view reads every schema member through the generated records' getters; members the
 * schema types `object` are JSON text in Kotlin, answered as the JSON they hold.
 */
object DifferentialRunner {
    private val schema = JSONObject(File("../schema/imagekit-events.json").readText())
    private val objects = schema.getJSONObject("objects")
    private val events = schema.getJSONArray("events").let { a ->
        (0 until a.length()).associate { a.getJSONObject(it).getString("type") to a.getJSONObject(it) }
    }

    private fun hex(s: String) = ByteArray(s.length / 2) { s.substring(it * 2, it * 2 + 2).toInt(16).toByte() }

    private fun key(k: JSONObject): WebhookKey = when {
        k.has("bytesHex") -> WebhookKey.fromBytes(hex(k.getString("bytesHex")))
        k.getString("mode") == "raw" -> WebhookKey.fromBytes(hex(k.getString("hex")))
        k.getString("mode") == "imagekit" -> WebhookKey.parse(k.getString("secret"), KeyMode.IMAGEKIT)
        else -> WebhookKey.parse(k.getString("secret"), KeyMode.STANDARD)
    }

    private val getters = HashMap<Pair<Class<*>, String>, java.lang.reflect.Method>()

    private fun read(obj: Any, json: String): Any? {
        val getter = getters.getOrPut(obj.javaClass to json) {
            val prop = propertyNameOf(json)
            obj.javaClass.methods.first {
                it.parameterCount == 0 && (it.name == "get" + prop.replaceFirstChar { c -> c.uppercase() } || it.name == prop)
            }
        }
        return getter.invoke(obj)
    }

    private fun typed(obj: Any, fields: JSONArray): JSONObject {
        val out = JSONObject()
        for (i in 0 until fields.length()) {
            val f = fields.getJSONObject(i)
            val t = f.getString("type")
            if (t == "date-time") continue
            out.put(f.getString("name"), convert(read(obj, f.getString("name")), t) ?: JSONObject.NULL)
        }
        return out
    }

    private fun convert(v: Any?, t: String): Any? = when {
        v == null -> null
        t.endsWith("[]") -> JSONArray((v as List<*>).map { convert(it, t.removeSuffix("[]")) ?: JSONObject.NULL })
        objects.has(t) -> typed(v, objects.getJSONObject(t).getJSONArray("fields"))
        t == "object" -> lastWins(v as String)
        v is Enum<*> -> v.name
        else -> v
    }

    private fun lastWins(text: String): Any {
        val config = JSONParserConfiguration().withOverwriteDuplicateKey(true)
        return JSONTokener(text, config).nextValue()
    }

    private fun eventAnswer(e: WebhookEvent): JSONObject {
        val a = JSONObject()
            .put("type", e.eventType)
            .put("id", e.id ?: JSONObject.NULL)
            .put("known", e.isKnown)
            .put("createdAtMs", e.createdAtMs ?: JSONObject.NULL)
        if (!e.isKnown) return a.put("typed", JSONObject.NULL)
        val t = typed(e.payload, events.getValue(e.eventType).getJSONArray("fields"))
        // The envelope's members, from the event itself.
        t.put("id", e.id ?: JSONObject.NULL).put("type", e.eventType)
        return a.put("typed", t)
    }

    private fun answer(c: JSONObject): JSONObject {
        val body = hex(c.getString("bodyHex"))
        return try {
            if (c.getString("operation") == "unsafe_unwrap") {
                return JSONObject().put("result", "ok").put("event", eventAnswer(unsafeUnwrap(body)))
            }
            val o = c.optJSONObject("options") ?: JSONObject()
            val options = WebhookOptions(
                toleranceSeconds = o.optLong("tolerance", 300),
                legacy = o.optBoolean("legacy", false),
                maxPayloadBytes = o.optLong("maxPayloadBytes", 1_048_576),
                replayGuard = null,
            )
            val keys = c.getJSONArray("keys").let { k -> (0 until k.length()).map { key(k.getJSONObject(it)) } }
            val h = c.getJSONArray("headers")
            val headers = (0 until h.length()).map { HeaderPair(h.getJSONArray(it).getString(0), h.getJSONArray(it).getString(1)) }
            val now = c.getLong("now")
            if (c.getString("operation") == "verify") {
                val v = Webhook.withKeys(keys, options).verifyHeaders(body, headers, now)
                JSONObject().put("result", "ok").put("keyIndex", v.keyIndex)
            } else {
                val v = ImageKitWebhooks.withKeys(keys, options).unwrapHeaders(body, headers, now = now)
                JSONObject().put("result", "ok").put("keyIndex", v.verification.keyIndex).put("event", eventAnswer(v.event))
            }
        } catch (e: WebhookException) {
            JSONObject().put("result", "error").put("code", e.code)
        }
    }

    @JvmStatic
    fun main(args: Array<String>) {
        File(args[1]).bufferedWriter().use { out ->
            File(args[0]).forEachLine { line ->
                val c = JSONObject(line)
                out.write(answer(c).put("tcId", c.getInt("tcId")).toString())
                out.newLine()
            }
        }
    }
}
