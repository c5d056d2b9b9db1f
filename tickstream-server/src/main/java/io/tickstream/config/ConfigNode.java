package io.tickstream.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a configuration file, with typed getters whose errors name the setting's
 * full path ({@code apiKeys[1].account}). Not thread-safe; used once at start-up.
 */
final class ConfigNode {

    private final String path;
    private final Map<String, Object> values;

    ConfigNode(String path, Object value) throws ConfigException {
        this.path = path;
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(describe() + " must be a JSON object");
        }
        this.values = new LinkedHashMap<>();
        map.forEach((k, v) -> values.put((String) k, v));
    }

    void allowOnly(String... names) throws ConfigException {
        Set<String> allowed = Set.of(names);
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw new ConfigException("unknown setting '" + where(name) + "' (allowed here: "
                        + String.join(", ", names) + ")");
            }
        }
    }

    /** The settings given here, in file order. */
    Set<String> names() {
        return values.keySet();
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) throws ConfigException {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(where(name) + " must be a string");
        }
        return text;
    }

    int integer(String name, int fallback) throws ConfigException {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return ((BigDecimal) value).intValueExact();
        } catch (ClassCastException | ArithmeticException e) {
            throw new ConfigException(where(name) + " must be an integer, was " + value);
        }
    }

    double decimal(String name, double fallback) throws ConfigException {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof BigDecimal number)) {
            throw new ConfigException(where(name) + " must be a number, was " + value);
        }
        return number.doubleValue();
    }

    boolean bool(String name, boolean fallback) throws ConfigException {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw new ConfigException(where(name) + " must be true or false, was " + value);
        }
        return flag;
    }

    ConfigNode section(String name) throws ConfigException {
        Object value = values.get(name);
        return new ConfigNode(where(name), value == null ? Map.of() : value);
    }

    List<ConfigNode> sections(String name) throws ConfigException {
        List<ConfigNode> nodes = new ArrayList<>();
        List<?> items = list(name);
        for (int i = 0; i < items.size(); i++) {
            nodes.add(new ConfigNode(where(name) + "[" + i + "]", items.get(i)));
        }
        return nodes;
    }

    List<String> strings(String name, List<String> fallback) throws ConfigException {
        if (!values.containsKey(name)) {
            return fallback;
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof String text)) {
                throw new ConfigException(where(name) + " must be a list of strings");
            }
            strings.add(text);
        }
        return strings;
    }

    String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private List<?> list(String name) throws ConfigException {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new ConfigException(where(name) + " must be a JSON array");
        }
        return items;
    }

    private String describe() {
        return path.isEmpty() ? "the configuration" : "'" + path + "'";
    }
}
