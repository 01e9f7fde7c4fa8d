package dev.hookseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor and function that can throw on the Rust side (returns
 * {@code Result<_, WebhookError>}) declares {@code WebhookException} in its JVM signature, so Java
 * can catch it; and nothing else declares it. What throws is read from the generated Kotlin source,
 * not from its annotations: each FFI call is {@code uniffiRustCallWithError(E)} when the Rust
 * function returns a {@code Result}, {@code uniffiRustCall()} otherwise, and the symbol it calls
 * ({@code uniffi_hookseal_uniffi_fn_<constructor|method|func>_<object>_<name>}) says where it
 * lives. scripts/uniffi-generate.sh adds the {@code @Throws} that uniffi 0.29 leaves out.
 */
class ThrowsDeclarationsTest {
    static final String PACKAGE = "dev.hookseal.";
    // uniffi-bindgen's output, passed by pom.xml (surefire) like the vectors' folder.
    static final Path GENERATED = Path.of(System.getProperty("hookseal.generatedSources",
            "target/generated-sources/uniffi"), "dev/hookseal/hookseal_uniffi.kt");

    static final Pattern FFI_CALL = Pattern.compile(
            "uniffiRustCall(?:WithError\\((\\w+)\\)|\\(\\)) \\{ _status ->\\s*"
                    + "UniffiLib\\.INSTANCE\\.uniffi_hookseal_uniffi_fn_(constructor|method|func)_(\\w+)\\(");
    static final Pattern ANY_FFI_CALL =
            Pattern.compile("UniffiLib\\.INSTANCE\\.uniffi_hookseal_uniffi_fn_(?:constructor|method|func)_");
    static final Pattern DECLARATION = Pattern.compile("\\bfun +`?(\\w+)`?\\(|\\bconstructor\\(");
    static final Pattern PARAMETER = Pattern.compile("`\\w+`: ");
    static final Pattern OBJECT_CLASS = Pattern.compile("(?m)^open class (\\w+): Disposable");

    enum Kind { CONSTRUCTOR, ALTERNATE_CONSTRUCTOR, METHOD, FUNCTION }

    /** One generated Kotlin declaration that calls into Rust. */
    record Ffi(Kind kind, String className, String name, int parameters, String throwsType) {
        String where() {
            return className + (kind == Kind.CONSTRUCTOR ? "(" : "." + name + "(") + parameters + " parameters)";
        }
    }

    static List<Ffi> parseGenerated() throws IOException {
        String src = Files.readString(GENERATED);
        Map<String, String> classes = new HashMap<>(); // "webhooksigner" -> "WebhookSigner"
        Matcher c = OBJECT_CLASS.matcher(src);
        while (c.find()) classes.put(c.group(1).toLowerCase(), c.group(1));

        List<int[]> declarations = new ArrayList<>(); // {start, end of match}
        Matcher d = DECLARATION.matcher(src);
        while (d.find()) {
            int lineStart = src.lastIndexOf('\n', d.start()) + 1;
            String before = src.substring(lineStart, d.start()).trim();
            // Skip doc comment text; `*/ fun name(` ends a comment and starts a declaration.
            if ((before.startsWith("*") || before.startsWith("/")) && !before.contains("*/")) continue;
            declarations.add(new int[] {d.start(), d.end()});
        }

        List<Ffi> found = new ArrayList<>();
        Matcher m = FFI_CALL.matcher(src);
        while (m.find()) {
            int[] decl = null;
            for (int[] x : declarations) if (x[0] < m.start()) decl = x;
            String declText = src.substring(decl[0], src.indexOf('\n', decl[0]));
            Matcher p = PARAMETER.matcher(declText);
            int parameters = 0;
            while (p.find()) parameters++;
            Matcher nameMatcher = DECLARATION.matcher(declText);
            nameMatcher.lookingAt();
            String kotlinName = nameMatcher.group(1); // null for `constructor(`
            String symbolKind = m.group(2);
            String rest = m.group(3);
            String className = "Hookseal_uniffiKt";
            if (!symbolKind.equals("func")) {
                className = classes.entrySet().stream()
                        .filter(e -> rest.startsWith(e.getKey() + "_"))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no generated class for " + rest));
            }
            Kind kind = switch (symbolKind) {
                case "constructor" -> kotlinName == null ? Kind.CONSTRUCTOR : Kind.ALTERNATE_CONSTRUCTOR;
                case "method" -> Kind.METHOD;
                default -> Kind.FUNCTION;
            };
            found.add(new Ffi(kind, className, kotlinName, parameters, m.group(1)));
        }
        // Every FFI call site was understood: a template change cannot make this test skip some.
        long calls = ANY_FFI_CALL.matcher(src).results().count();
        assertEquals(calls, found.size(), "FFI call sites in " + GENERATED + " that the parser did not match");
        return found;
    }

    static boolean declares(Executable e, Class<?> exception) {
        return Arrays.asList(e.getExceptionTypes()).contains(exception);
    }

    static boolean isPublicApi(Executable e) {
        return Modifier.isPublic(e.getModifiers()) && !e.isSynthetic();
    }

    static Method method(Class<?> cls, String name, int parameters) {
        List<Method> ms = Arrays.stream(cls.getDeclaredMethods())
                .filter(x -> isPublicApi(x) && x.getName().equals(name) && x.getParameterCount() == parameters)
                .collect(Collectors.toList());
        assertEquals(1, ms.size(), cls.getName() + "." + name + " with " + parameters + " parameters: " + ms);
        return ms.get(0);
    }

    /** The Java members one generated declaration becomes. */
    static List<Executable> jvmMembers(Ffi f) throws ClassNotFoundException {
        Class<?> cls = Class.forName(PACKAGE + f.className());
        List<Executable> out = new ArrayList<>();
        switch (f.kind()) {
            case CONSTRUCTOR -> {
                // Not the (Pointer) and (NoPointer) ones that wrap an existing Rust object.
                for (Constructor<?> k : cls.getDeclaredConstructors()) {
                    List<Class<?>> types = Arrays.asList(k.getParameterTypes());
                    if (isPublicApi(k) && !types.equals(List.of(Pointer.class)) && !types.equals(List.of(NoPointer.class))) {
                        out.add(k);
                    }
                }
                assertTrue(!out.isEmpty(), "no Java constructor for " + f.where());
            }
            case ALTERNATE_CONSTRUCTOR -> out.add(method(Class.forName(cls.getName() + "$Companion"), f.name(), f.parameters()));
            case METHOD -> {
                out.add(method(cls, f.name(), f.parameters()));
                // Methods are also declared on `<Class>Interface` (toString is not).
                Class<?> iface = Class.forName(cls.getName() + "Interface");
                if (Arrays.stream(iface.getDeclaredMethods()).anyMatch(x -> x.getName().equals(f.name()))) {
                    out.add(method(iface, f.name(), f.parameters()));
                }
            }
            case FUNCTION -> out.add(method(cls, f.name(), f.parameters()));
        }
        return out;
    }

    @Test
    void generatedMembersDeclareWebhookExceptionExactlyWhenRustCanReturnIt() throws Exception {
        List<Ffi> ffi = parseGenerated();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Ffi f : ffi) {
            for (Executable e : jvmMembers(f)) {
                checked++;
                boolean rustThrows = f.throwsType() != null;
                boolean declared = declares(e, WebhookException.class);
                if (rustThrows) assertEquals("WebhookException", f.throwsType(), f.where());
                if (rustThrows != declared) {
                    wrong.add((rustThrows ? "missing @Throws: " : "declares but cannot throw: ") + e);
                }
            }
        }
        assertEquals(List.of(), wrong);

        // The parser saw what it should: these are known to throw or not.
        List<String> throwing = ffi.stream().filter(f -> f.throwsType() != null).map(Ffi::where).collect(Collectors.toList());
        List<String> notThrowing = ffi.stream().filter(f -> f.throwsType() == null).map(Ffi::where).collect(Collectors.toList());
        for (String w : List.of("ImageKitWebhooks(1 parameters)", "Webhook(1 parameters)", "WebhookSigner(2 parameters)",
                "ImageKitWebhooks.withOptions(2 parameters)", "Webhook.verify(3 parameters)",
                "WebhookSigner.signLegacy(2 parameters)", "Hookseal_uniffiKt.throwErrorForCode(1 parameters)")) {
            assertTrue(throwing.contains(w), w + " not among the throwing declarations " + throwing);
        }
        for (String w : List.of("ReplayGuard(1 parameters)", "ReplayGuard.size(0 parameters)", "Hookseal_uniffiKt.sampleBody(1 parameters)")) {
            assertTrue(notThrowing.contains(w), w + " not among the non-throwing declarations " + notThrowing);
        }
        assertTrue(throwing.size() >= 30, "only " + throwing.size() + " throwing declarations found: " + throwing);
        assertTrue(checked > ffi.size(), "interface methods were checked too");
    }

    /**
     * Hookseal.kt (Java: class {@code Hookseal}): an extension function over a generated class with
     * the name of one of its methods wraps that method, so it declares what that method declares.
     * The others (getCode, getHttpStatus, headerPairsOf) cannot throw.
     */
    @Test
    void handWrittenKotlinDeclaresWhatItWraps() throws Exception {
        Map<String, Boolean> methodThrows = new HashMap<>(); // "Webhook.verify" -> true
        for (Ffi f : parseGenerated()) {
            if (f.kind() == Kind.METHOD) methodThrows.put(f.className() + "." + f.name(), f.throwsType() != null);
        }
        List<String> wrong = new ArrayList<>();
        int wrappers = 0;
        for (Method m : Hookseal.class.getDeclaredMethods()) {
            if (!isPublicApi(m) || !Modifier.isStatic(m.getModifiers())) continue;
            Class<?> receiver = m.getParameterCount() > 0 ? m.getParameterTypes()[0] : Object.class;
            Boolean wrapped = methodThrows.get(receiver.getSimpleName() + "." + m.getName());
            boolean expected = wrapped != null && wrapped;
            if (wrapped != null) wrappers++;
            if (expected != declares(m, WebhookException.class)) wrong.add((expected ? "missing @Throws: " : "declares but cannot throw: ") + m);
        }
        assertEquals(List.of(), wrong);
        assertEquals(7, wrappers, "String overloads in Hookseal.kt");
    }
}
