package dev.hookseal.imagekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hookseal.KeyMode;
import dev.hookseal.ReplayGuard;
import dev.hookseal.Verification;
import dev.hookseal.WebhookException;
import dev.hookseal.WebhookKey;
import dev.hookseal.WebhookSigner;
import dev.hookseal.imagekit.client.ImageKitClient;
import dev.hookseal.imagekit.client.okhttp.ImageKitOkHttpClient;
import dev.hookseal.imagekit.core.UnwrapWebhookParams;
import dev.hookseal.imagekit.core.http.Headers;
import dev.hookseal.imagekit.errors.ImageKitWebhookException;
import dev.hookseal.imagekit.models.webhooks.UnwrapWebhookEvent;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONParserConfiguration;
import org.json.JSONTokener;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared vector file (tests/vectors, read in place) through the Java facade, in the shape of
 * ImageKit's Java SDK: {@code ImageKitOkHttpClient.builder()...build().webhooks().unwrap(...)}, the
 * unwrap vectors' fields read through the generated accessors ({@code data().fileId()}, ...). The
 * sign files have no facade call (the SDK signs nothing): they go through {@code WebhookSigner}.
 */
class FacadeVectorsTest {
    private final File dir = new File(System.getProperty("hookseal.vectors", "../tests/vectors"));

    @TestFactory
    List<DynamicTest> everySharedVector() {
        File[] files = dir.listFiles(f -> f.getName().endsWith(".json") && !f.getName().equals("schema.json"));
        assertTrue(files != null && files.length == 7, "the 7 vector files in " + dir.getAbsolutePath());
        Arrays.sort(files);
        List<DynamicTest> out = new ArrayList<>();
        for (File file : files) {
            out.add(DynamicTest.dynamicTest(file.getName(), () -> {
                JSONObject doc = new JSONObject(Files.readString(file.toPath()));
                JSONArray tests = doc.getJSONArray("tests");
                List<String> failures = new ArrayList<>();
                int ran = 0;
                for (int i = 0; i < tests.length(); i++) {
                    JSONObject c = tests.getJSONObject(i);
                    try {
                        runCase(c);
                    } catch (AssertionError e) {
                        failures.add("tcId " + c.getInt("tcId") + " (" + c.optString("comment") + "): " + e.getMessage());
                    }
                    ran++;
                }
                assertTrue(failures.isEmpty(), file.getName() + ": " + failures.size() + " failing:\n" + String.join("\n", failures));
                assertEquals(doc.getInt("numberOfTests"), ran, file.getName() + ": cases run");
                System.out.println("java facade vectors " + file.getName() + ": " + ran + " cases passed");
            }));
        }
        return out;
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static byte[] bodyOf(JSONObject o) {
        if (o.has("body")) return o.getString("body").getBytes(StandardCharsets.UTF_8);
        if (o.has("bodyHex")) return hex(o.getString("bodyHex"));
        JSONObject r = o.getJSONObject("bodyRepeat");
        return r.getString("chunk").repeat(r.getInt("count")).getBytes(StandardCharsets.UTF_8);
    }

    private static List<WebhookKey> keysOf(JSONObject c) throws WebhookException {
        List<WebhookKey> out = new ArrayList<>();
        JSONArray keys = c.optJSONArray("keys");
        for (int i = 0; keys != null && i < keys.length(); i++) {
            JSONObject k = keys.getJSONObject(i);
            if (k.has("bytesHex")) out.add(WebhookKey.Companion.fromBytes(hex(k.getString("bytesHex"))));
            else if (k.getString("mode").equals("raw")) out.add(WebhookKey.Companion.fromBytes(hex(k.getString("hex"))));
            else out.add(WebhookKey.Companion.parse(k.getString("secret"),
                    k.getString("mode").equals("standard") ? KeyMode.STANDARD : KeyMode.IMAGEKIT));
        }
        return out;
    }

    private static ImageKitClient clientOf(JSONObject c) throws WebhookException {
        JSONObject o = c.optJSONObject("options");
        if (o == null) o = new JSONObject();
        ImageKitOkHttpClient.Builder b = ImageKitOkHttpClient.builder()
                .privateKey("private_unused")
                .webhookKeys(keysOf(c))
                .tolerance(Duration.ofSeconds(o.optLong("tolerance", 300)))
                .legacy(o.optBoolean("legacy", false))
                .maxPayloadBytes(o.optLong("maxPayloadBytes", 1_048_576));
        if (o.optBoolean("replayGuard", false)) b.replayGuard(ReplayGuard.Companion.inMemory(null));
        return b.build();
    }

    /** Runs the call and checks its outcome; returns the result when it succeeded. */
    private static <T> T expect(JSONObject s, Supplier<T> call) {
        T got;
        try {
            got = call.get();
        } catch (ImageKitWebhookException e) {
            if (s.getString("result").equals("ok")) fail("expected ok, got " + e.code() + ": " + e.getMessage());
            assertEquals(s.getString("code"), e.code(), "code (" + e.getMessage() + ")");
            assertTrue(e.httpStatus() >= 400 && e.httpStatus() < 600, "http status");
            assertTrue(e.getCause() instanceof WebhookException, "wraps the core's error");
            return null;
        }
        if (!s.getString("result").equals("ok")) fail("expected " + s.getString("code") + ", got ok");
        return got;
    }

    private void runCase(JSONObject c) throws Exception {
        String op = c.getString("operation");
        switch (op) {
            case "build" -> expect(c, () -> {
                try {
                    return clientOf(c);
                } catch (WebhookException e) {
                    throw new ImageKitWebhookException(e);
                }
            });
            case "verify", "unwrap" -> {
                ImageKitClient client;
                try {
                    client = clientOf(c);
                } catch (WebhookException | ImageKitWebhookException e) {
                    expect(c, () -> { throw e instanceof ImageKitWebhookException ik ? ik : new ImageKitWebhookException((WebhookException) e); });
                    return;
                }
                JSONObject step = new JSONObject(c.toString());
                List<JSONObject> deliveries = new ArrayList<>(List.of(c));
                JSONArray then = c.optJSONArray("then");
                for (int i = 0; then != null && i < then.length(); i++) deliveries.add(then.getJSONObject(i));
                for (int i = 0; i < deliveries.size(); i++) {
                    JSONObject next = deliveries.get(i);
                    if (i > 0) {
                        if (next.has("body") || next.has("bodyHex") || next.has("bodyRepeat")) {
                            step.remove("body"); step.remove("bodyHex"); step.remove("bodyRepeat");
                        }
                        step.remove("keyIndex"); step.remove("code"); step.remove("event");
                        for (String k : next.keySet()) step.put(k, next.get(k));
                    }
                    Headers.Builder hb = Headers.builder();
                    JSONArray h = step.getJSONArray("headers");
                    for (int j = 0; j < h.length(); j++) hb.put(h.getJSONArray(j).getString(0), h.getJSONArray(j).getString(1));
                    UnwrapWebhookParams params = UnwrapWebhookParams.builder().body(bodyOf(step)).headers(hb.build())
                            .now(step.getLong("now")).build();
                    try {
                        if (op.equals("verify")) {
                            Verification v = expect(step, () -> client.webhooks().verify(params));
                            if (v != null && step.has("keyIndex")) assertEquals(step.getInt("keyIndex"), v.getKeyIndex(), "keyIndex");
                        } else {
                            UnwrapWebhookEvent e = expect(step, () -> client.webhooks().unwrap(params));
                            if (e != null && step.has("event")) checkEvent(e, step.getJSONObject("event"), bodyOf(step));
                        }
                    } catch (AssertionError e) {
                        throw new AssertionError("delivery " + i + ": " + e.getMessage(), e);
                    }
                }
            }
            case "unsafe_unwrap" -> {
                ImageKitClient client = ImageKitOkHttpClient.builder().build();
                byte[] body = bodyOf(c);
                UnwrapWebhookEvent e = expect(c, () -> client.webhooks().unsafeUnwrap(new String(body, StandardCharsets.UTF_8)));
                if (e != null) checkEvent(e, c.getJSONObject("event"), body);
            }
            case "sign", "sign_legacy" -> {
                byte[] body = bodyOf(c);
                String sig;
                try {
                    WebhookSigner signer = WebhookSigner.Companion.fromKey(keysOf(c).get(0));
                    sig = op.equals("sign") ? signer.sign(c.getString("msgId"), c.getLong("timestamp"), body)
                            : signer.signLegacy(c.getLong("timestamp"), body);
                } catch (WebhookException e) {
                    assertEquals("error", c.getString("result"), "expected ok, got " + e.getMessage());
                    return;
                }
                assertEquals("ok", c.getString("result"), "expected an error");
                assertEquals(c.getString("signature"), sig, "signature");
            }
            default -> fail("unknown operation " + op);
        }
    }

    /** `fileId` -> `fileId`, `AITags` -> `aiTags`, `x_request_id` -> `xRequestId`, `remove-bg` -> `removeBg`. */
    static String accessor(String json) {
        String s = json.replace('-', '_').replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : s.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    /** The typed event of a known type, through its {@code isX()}/{@code asX()} pair. */
    static Object typed(UnwrapWebhookEvent e) throws Exception {
        for (Method m : UnwrapWebhookEvent.class.getMethods()) {
            if (m.getName().startsWith("is") && m.getParameterCount() == 0 && !m.getName().equals("isKnown")
                    && (boolean) m.invoke(e)) {
                return UnwrapWebhookEvent.class.getMethod("as" + m.getName().substring(2)).invoke(e);
            }
        }
        return null;
    }

    private static void checkEvent(UnwrapWebhookEvent e, JSONObject want, byte[] body) throws Exception {
        assertEquals(new String(body, StandardCharsets.UTF_8), e.rawJson(), "rawJson is the body");
        assertEquals(want.getString("type"), e.type(), "type");
        assertEquals(want.isNull("id") ? null : want.getString("id"), e.id(), "id");
        assertEquals(want.getBoolean("known"), e.isKnown(), "known");
        Object t = typed(e);
        assertEquals(want.getBoolean("known"), t != null, "exactly one isX() for a known type");
        if (t != null) {
            assertEquals(e.type(), t.getClass().getMethod("type").invoke(t), "typed type");
            Object created = t.getClass().getMethod("createdAt").invoke(t);
            if (!want.isNull("createdAtMs")) {
                assertEquals(want.getLong("createdAtMs"), ((java.time.OffsetDateTime) created).toInstant().toEpochMilli(), "createdAt");
            }
        }
        JSONParserConfiguration config = new JSONParserConfiguration().withOverwriteDuplicateKey(true);
        JSONObject raw = new JSONObject(new JSONTokener(e.rawJson(), config), config);
        JSONObject fields = want.getJSONObject("fields");
        for (String path : fields.keySet()) {
            Object expected = fields.get(path);
            Object gotRaw = raw;
            for (String k : path.split("\\.")) gotRaw = gotRaw instanceof JSONObject o && o.has(k) ? o.get(k) : null;
            assertTrue(same(gotRaw, expected), "raw " + path + " = " + gotRaw + ", want " + expected);
            String top = path.split("\\.")[0];
            if (t != null && (top.equals("data") || top.equals("request") || top.equals("timings"))) {
                Object cur = t;
                for (String k : path.split("\\.")) {
                    if (cur == null) break;
                    cur = cur instanceof Map<?, ?> m ? m.get(k) : cur.getClass().getMethod(accessor(k)).invoke(cur);
                }
                assertTrue(same(cur, expected), "typed " + path + " = " + cur + ", want " + expected);
            }
        }
    }

    /** A facade value against a JSON value (numbers by value, objects member by member). */
    static boolean same(Object got, Object want) throws Exception {
        if (want == null || want == JSONObject.NULL) return got == null || got == JSONObject.NULL;
        if (want instanceof Number n) return got instanceof Number g && g.doubleValue() == n.doubleValue();
        if (want instanceof JSONArray a) {
            List<?> l = got instanceof JSONArray ga ? ga.toList() : got instanceof List<?> gl ? gl : null;
            if (l == null || l.size() != a.length()) return false;
            for (int i = 0; i < a.length(); i++) if (!same(l.get(i), a.get(i))) return false;
            return true;
        }
        if (want instanceof JSONObject o) {
            for (String k : o.keySet()) {
                Object g;
                if (got instanceof JSONObject go) g = go.opt(k);
                else if (got instanceof Map<?, ?> m) g = m.get(k);
                else if (got != null) g = got.getClass().getMethod(accessor(k)).invoke(got);
                else return false;
                if (!same(g, o.get(k))) return false;
            }
            return true;
        }
        if (want instanceof java.math.BigDecimal || want instanceof java.math.BigInteger) return got instanceof Number;
        return want.equals(got);
    }
}
