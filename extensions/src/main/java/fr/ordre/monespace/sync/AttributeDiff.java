package fr.ordre.monespace.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which attributes an upsert actually has to write: only those whose values differ, so an
 * unchanged value costs no statement and a doctor whose record did not change is not touched.
 */
final class AttributeDiff {

    private AttributeDiff() {
    }

    /**
     * The entries of {@code wanted} whose values differ from {@code current} (order of values
     * ignored; an empty list and an absent attribute are the same thing).
     */
    static Map<String, List<String>> changes(Function<String, List<String>> current, Map<String, List<String>> wanted) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        wanted.forEach((name, values) -> {
            List<String> now = current.apply(name);
            List<String> before = now == null ? List.of() : now.stream().sorted().toList();
            if (!before.equals(values.stream().sorted().toList())) {
                changes.put(name, values);
            }
        });
        return changes;
    }
}
