package dev.hookseal

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.io.File
import kotlin.reflect.KClass
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor

/**
 * The records against the one schema (schema/imagekit-events.json, read in place): every record
 * and every EventPayload case has exactly the schema's members, nullable exactly where the schema
 * makes a member optional.
 */
class SchemaParityTest {
    private val schema = JSONObject(File("../schema/imagekit-events.json").readText())

    private fun words(name: String): List<String> = name.replace('-', '_')
        .replace(Regex("([A-Z]+)([A-Z][a-z])"), "$1_$2")
        .replace(Regex("([a-z0-9])([A-Z])"), "$1_$2")
        .lowercase().split('_')

    /** The Kotlin name of a JSON member: `type` is `kind` (as in the core), then camelCase. */
    private fun kotlinName(json: String): String =
        if (json == "type") "kind"
        else words(json).mapIndexed { i, p -> if (i == 0) p else p.replaceFirstChar { it.uppercase() } }.joinToString("")

    /** uniffi's class name for a schema object: `AITag` is `AiTag`. */
    private fun className(name: String): String = words(name).joinToString("") { it.replaceFirstChar { c -> c.uppercase() } }

    /** name -> nullable, for the members the schema lists. */
    private fun expected(fields: JSONArray): Map<String, Boolean> =
        (0 until fields.length()).map { fields.getJSONObject(it) }
            .associate { kotlinName(it.getString("name")) to !it.getBoolean("required") }

    /** name -> nullable, for the constructor parameters of a record (its members). */
    private fun actual(cls: KClass<*>): Map<String, Boolean> {
        val params = cls.primaryConstructor!!.parameters.map { it.name!! }.toSet()
        return cls.memberProperties.filter { it.name in params }.associate { it.name to it.returnType.isMarkedNullable }
    }

    @Test
    fun everyRecordHasExactlyTheSchemaMembers() {
        val objects = schema.getJSONObject("objects")
        for (name in objects.keySet()) {
            val cls = Class.forName("dev.hookseal.${className(name)}").kotlin
            assertEquals(expected(objects.getJSONObject(name).getJSONArray("fields")), actual(cls), name)
        }
    }

    @Test
    fun everyPayloadCaseHasExactlyTheSchemaMembers() {
        val events = schema.getJSONArray("events")
        val cases = EventPayload::class.sealedSubclasses.associateBy { it.simpleName }
        for (i in 0 until events.length()) {
            val e = events.getJSONObject(i)
            val cls = cases[e.getString("name")] ?: error("no EventPayload.${e.getString("name")}")
            assertEquals(expected(e.getJSONArray("fields")), actual(cls), e.getString("type"))
        }
        assertEquals(events.length() + 1, cases.size, "one case per type, plus Unknown")
    }
}
