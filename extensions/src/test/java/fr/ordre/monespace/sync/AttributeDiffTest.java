package fr.ordre.monespace.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeDiffTest {

    private static final Map<String, List<String>> STORED = Map.of(
            "firstName", List.of("Claire"),
            "mobilePhone", List.of("+33612345678"),
            "council", List.of("75"));

    private static Map<String, List<String>> changes(Map<String, List<String>> wanted) {
        return AttributeDiff.changes(name -> STORED.getOrDefault(name, List.of()), wanted);
    }

    @Test
    void sameValuesWriteNothing() {
        assertEquals(Map.of(), changes(Map.of("firstName", List.of("Claire"), "council", List.of("75"))));
    }

    @Test
    void aChangedValueIsWritten() {
        assertEquals(Map.of("mobilePhone", List.of("+33699999999")),
                changes(Map.of("firstName", List.of("Claire"), "mobilePhone", List.of("+33699999999"))));
    }

    @Test
    void clearingIsWrittenOnlyWhenSomethingIsStored() {
        assertEquals(Map.of("council", List.of()), changes(Map.of("council", List.of(), "landlinePhone", List.of())));
    }

    @Test
    void aNewAttributeIsWritten() {
        assertEquals(Map.of("ordinalHash", List.of("abc")), changes(Map.of("ordinalHash", List.of("abc"))));
    }

    @Test
    void keepsTheOrderOfTheWantedAttributes() {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        wanted.put("lastName", List.of("MARTIN"));
        wanted.put("birthDate", List.of("1980-06-17"));
        assertEquals(List.of("lastName", "birthDate"), List.copyOf(changes(wanted).keySet()));
    }

    @Test
    void aNullReadingCountsAsNoValue() {
        assertEquals(Map.of(), AttributeDiff.changes(name -> null, Map.of("council", List.of())));
    }
}
