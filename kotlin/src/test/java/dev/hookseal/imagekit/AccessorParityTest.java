package dev.hookseal.imagekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookseal.imagekit.models.webhooks.UnwrapWebhookEvent;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * The facade's model classes against schema/imagekit-events.json, by reflection: every member of
 * every object and event has its accessor (the SDK's name, no {@code get} prefix) of the schema's
 * type, nothing else is public, and {@code UnwrapWebhookEvent} has an {@code isX()}/{@code asX()}
 * pair per event type.
 */
class AccessorParityTest {
    static final String PKG = "dev.hookseal.imagekit.models.webhooks.";
    static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait");

    private static JSONObject schema() throws Exception {
        File f = new File(System.getProperty("hookseal.vectors", "../tests/vectors"), "../../schema/imagekit-events.json");
        return new JSONObject(Files.readString(f.toPath()));
    }

    private static String javaType(JSONObject field) {
        String t = field.getString("type");
        boolean array = t.endsWith("[]");
        String item = array ? t.substring(0, t.length() - 2) : t;
        String base = switch (item) {
            case "string", "date-time" -> "java.lang.String";
            case "number" -> "java.lang.Double";
            case "boolean" -> "java.lang.Boolean";
            case "object" -> "java.util.Map<java.lang.String, java.lang.Object>";
            default -> PKG + item;
        };
        return array ? "java.util.List<" + base + ">" : base;
    }

    private static void checkClass(String name, JSONArray fields, Set<String> extra) throws Exception {
        Class<?> c = Class.forName(PKG + name);
        assertTrue(Modifier.isFinal(c.getModifiers()), name + " is final");
        Set<String> want = new TreeSet<>(extra);
        for (int i = 0; i < fields.length(); i++) {
            JSONObject f = fields.getJSONObject(i);
            String acc = FacadeVectorsTest.accessor(f.getString("name"));
            want.add(acc);
            Method m = c.getMethod(acc);
            Type rt = m.getGenericReturnType();
            assertEquals(javaType(f), rt.getTypeName(), name + "." + acc + "()");
        }
        Set<String> have = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (!OBJECT_METHODS.contains(m.getName())) have.add(m.getName());
        }
        assertEquals(want, have, name + ": public methods");
    }

    @Test
    void everySchemaMemberHasItsAccessor() throws Exception {
        JSONObject s = schema();
        JSONObject objects = s.getJSONObject("objects");
        for (String name : objects.keySet()) {
            checkClass(name, objects.getJSONObject(name).getJSONArray("fields"), Set.of());
        }
        JSONArray events = s.getJSONArray("events");
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < events.length(); i++) {
            JSONObject e = events.getJSONObject(i);
            String cls = e.getString("class");
            checkClass(cls, e.getJSONArray("fields"), Set.of("id", "type", "createdAt", "rawJson"));
            String x = cls.substring(0, cls.length() - "Event".length());
            assertEquals(boolean.class, UnwrapWebhookEvent.class.getMethod("is" + x).getReturnType(), "is" + x);
            assertEquals(PKG + cls, UnwrapWebhookEvent.class.getMethod("as" + x).getReturnType().getName(), "as" + x);
            Type opt = UnwrapWebhookEvent.class.getMethod(Character.toLowerCase(x.charAt(0)) + x.substring(1)).getGenericReturnType();
            assertEquals("java.util.Optional<" + PKG + cls + ">", opt.getTypeName());
            pairs.add(x);
        }
        assertEquals(15, pairs.size());
        // The SDK's names for the twelve types it documents, spelled out once here.
        for (String x : List.of("VideoTransformationAccepted", "VideoTransformationReady", "VideoTransformationError",
                "UploadPreTransformSuccess", "UploadPreTransformError", "UploadPostTransformSuccess",
                "UploadPostTransformError", "FileCreate", "FileUpdate", "FileDelete", "FileVersionCreate", "FileVersionDelete")) {
            assertTrue(pairs.contains(x), x);
        }
    }
}
