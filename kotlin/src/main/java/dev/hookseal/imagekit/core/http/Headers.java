package dev.hookseal.imagekit.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The request's headers, as ImageKit's Java SDK takes them: names case-insensitive, each name with
 * one or more values (a repeated header keeps every value).
 *
 * <pre>{@code
 * Headers headers = Headers.builder()
 *     .put("webhook-id", request.headers("webhook-id"))
 *     .putAll(otherHeaders)
 *     .build();
 * }</pre>
 */
public final class Headers {
    private final Map<String, List<String>> map;
    private final int size;

    private Headers(Map<String, List<String>> map, int size) {
        this.map = map;
        this.size = size;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when there are no headers. */
    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** How many values, counting repeats. */
    public int size() {
        return size;
    }

    /** The names. */
    public Set<String> names() {
        return map.keySet();
    }

    /** The values of a name (any case); empty when absent. */
    public List<String> values(String name) {
        return map.getOrDefault(name, Collections.emptyList());
    }

    /** A builder holding these headers. */
    public Builder toBuilder() {
        Builder b = new Builder();
        map.forEach(b::put);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && map.equals(h.map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return "Headers{names=" + map.keySet() + "}";
    }

    /** Builds {@link Headers}. A {@code null} value is skipped (a header the request lacked). */
    public static final class Builder {
        private final Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private int size;

        private Builder() {}

        /** Adds one value. */
        public Builder put(String name, String value) {
            if (name != null && value != null) {
                map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                size++;
            }
            return this;
        }

        /** Adds every value. */
        public Builder put(String name, Iterable<String> values) {
            if (values != null) {
                values.forEach(v -> put(name, v));
            }
            return this;
        }

        /** Adds every header of a multi-valued map (servlets, Spring's {@code HttpHeaders}). */
        public Builder putAll(Map<String, ? extends Iterable<String>> headers) {
            headers.forEach(this::put);
            return this;
        }

        /** Adds every header of a single-valued map. */
        public Builder putAllSingle(Map<String, String> headers) {
            headers.forEach(this::put);
            return this;
        }

        /** Adds every header of {@code headers}. */
        public Builder putAll(Headers headers) {
            headers.names().forEach(n -> put(n, headers.values(n)));
            return this;
        }

        /** Replaces the values of a name. */
        public Builder replace(String name, String value) {
            remove(name);
            return put(name, value);
        }

        /** Removes a name. */
        public Builder remove(String name) {
            List<String> old = map.remove(name);
            size -= old == null ? 0 : old.size();
            return this;
        }

        /** Removes every header. */
        public Builder clear() {
            map.clear();
            size = 0;
            return this;
        }

        /** The headers (unmodifiable). */
        public Headers build() {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Headers(Collections.unmodifiableMap(copy), size);
        }
    }
}
