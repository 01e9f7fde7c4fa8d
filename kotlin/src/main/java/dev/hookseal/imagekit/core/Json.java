package dev.hookseal.imagekit.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the free-form JSON members of an event (metadata) into plain Java values: {@code Map},
 * {@code List}, {@code String}, {@code Double}, {@code Boolean}, {@code null}. The core has already
 * checked the text is JSON, so this is conversion, not validation. For the generated models.
 */
public final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /** A JSON object's text as an unmodifiable map (keys in their order); {@code null} stays null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        if (text == null) {
            return null;
        }
        Object v = new Json(text).value();
        return v instanceof Map ? (Map<String, Object>) v : Collections.emptyMap();
    }

    /** Each element converted; {@code null} stays null. */
    public static <A, B> List<B> mapList(List<A> items, Function<A, B> f) {
        if (items == null) {
            return null;
        }
        List<B> out = new ArrayList<>(items.size());
        for (A a : items) {
            out.add(f.apply(a));
        }
        return Collections.unmodifiableList(out);
    }

    private void space() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private Object value() {
        space();
        char c = s.charAt(i);
        switch (c) {
            case '{': {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                space();
                if (s.charAt(i) == '}') {
                    i++;
                    return Collections.unmodifiableMap(m);
                }
                while (true) {
                    space();
                    String k = string();
                    space();
                    i++; // ':'
                    m.put(k, value());
                    space();
                    if (s.charAt(i++) == '}') {
                        return Collections.unmodifiableMap(m);
                    }
                }
            }
            case '[': {
                i++;
                List<Object> l = new ArrayList<>();
                space();
                if (s.charAt(i) == ']') {
                    i++;
                    return Collections.unmodifiableList(l);
                }
                while (true) {
                    l.add(value());
                    space();
                    if (s.charAt(i++) == ']') {
                        return Collections.unmodifiableList(l);
                    }
                }
            }
            case '"':
                return string();
            case 't':
                i += 4;
                return Boolean.TRUE;
            case 'f':
                i += 5;
                return Boolean.FALSE;
            case 'n':
                i += 4;
                return null;
            default: {
                int start = i;
                while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                return Double.valueOf(s.substring(start, i));
            }
        }
    }

    private String string() {
        i++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u':
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                    break;
                default: b.append(e);
            }
        }
    }
}
