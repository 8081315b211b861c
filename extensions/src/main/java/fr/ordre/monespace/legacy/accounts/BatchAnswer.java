package fr.ordre.monespace.legacy.accounts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The JSON answer to a batch: each item's outcome, in the batch's order, and how many of each. */
final class BatchAnswer {

    private BatchAnswer() {
    }

    static Map<String, Object> of(List<? extends Enum<?>> outcomes) {
        List<String> names = outcomes.stream().map(outcome -> outcome.name().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> counts = new TreeMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return Map.of("results", names, "counts", counts);
    }
}
