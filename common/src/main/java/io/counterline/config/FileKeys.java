package io.counterline.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys written in one config file, before defaults are merged in, each with the line it is
 * on. List entries are addressed as {@code services[2].prefix}, as config errors name them.
 */
final class FileKeys {
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final List<String> leaves = new ArrayList<>();

    private FileKeys() {
    }

    static FileKeys of(ConfigObject root) {
        FileKeys keys = new FileKeys();
        keys.walk("", root);
        return keys;
    }

    private void walk(String path, ConfigValue value) {
        if (!path.isEmpty()) {
            lines.put(path, Math.max(0, value.origin().lineNumber()));
        }
        if (value instanceof ConfigObject object) {
            object.forEach((key, child) -> walk(join(path, key), child));
            if (object.isEmpty() && !path.isEmpty()) {
                leaves.add(path);
            }
        } else if (value instanceof ConfigList list && !list.isEmpty()
                && list.stream().allMatch(v -> v instanceof ConfigObject)) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i));
            }
        } else {
            leaves.add(path);
        }
    }

    static String join(String prefix, String key) {
        String segment = key.matches("[A-Za-z0-9_-]+") ? key : ConfigUtil.quoteString(key);
        return prefix.isEmpty() ? segment : prefix + "." + segment;
    }

    /** Every value that is not an object (and every empty object), in the order the file gives them. */
    List<String> leaves() {
        return leaves;
    }

    boolean has(String path) {
        return lines.containsKey(path);
    }

    /** The line of {@code path}, or of its nearest ancestor written in the file. */
    Optional<Integer> line(String path) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null && line > 0) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** {@code path} equals {@code ancestor} or lies inside it. */
    static boolean within(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + ".")
                || path.startsWith(ancestor + "[");
    }

    /** {@code path} is {@code key} or ends with it as whole segments ({@code kiosk.offline.low-water}, {@code offline.low-water}). */
    static boolean endsWithKey(String path, String key) {
        return path.equals(key) || path.endsWith("." + key);
    }
}
