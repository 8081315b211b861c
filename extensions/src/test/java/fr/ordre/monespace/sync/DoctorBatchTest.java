package fr.ordre.monespace.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorBatchTest {

    private static final String RPPS = "10003000006";
    private static final String OTHER_RPPS = "10001000016";

    private static DoctorWrite doctor(String rpps, Map<String, List<String>> attributes) {
        return new DoctorWrite(rpps, true, attributes, null);
    }

    private static List<String> problems(DoctorWrite... doctors) {
        return new DoctorBatch(List.of(doctors)).problems();
    }

    @Test
    void acceptsSyncedAttributesWithOneValueOrNone() {
        assertEquals(List.of(), problems(
                doctor(RPPS, Map.of("birthDate", List.of("1980-06-17"), "mobilePhone", List.of(), "rpps", List.of(RPPS))),
                doctor(OTHER_RPPS, null)));
    }

    @Test
    void refusesAnEmptyOrMissingList() {
        assertEquals(List.of("\"doctors\" is missing or empty"), new DoctorBatch(null).problems());
        assertEquals(List.of("\"doctors\" is missing or empty"), new DoctorBatch(List.of()).problems());
    }

    @Test
    void refusesMoreThanTheTransactionBound() {
        List<DoctorWrite> many = new ArrayList<>(Collections.nCopies(DoctorBatch.MAX_DOCTORS + 1, doctor(RPPS, null)));
        assertEquals(List.of("at most 1000 doctors per batch, got 1001"), new DoctorBatch(many).problems());
    }

    @Test
    void refusesMalformedRppsAndDuplicates() {
        assertEquals(List.of(
                "doctors[0]: rpps must be 11 digits with a valid Luhn key, got \"10003000007\"",
                "doctors[1]: rpps must be 11 digits with a valid Luhn key, got \"1000 3000006\"",
                "doctors[2]: rpps must be 11 digits with a valid Luhn key, got null",
                "doctors[4]: rpps 10003000006 appears twice in the batch"),
                problems(doctor("10003000007", null), doctor("1000 3000006", null), doctor(null, null),
                        doctor(RPPS, null), doctor(RPPS, null)));
    }

    @Test
    void neverLetsTheLoginEmailUsernameOrUnknownAttributesThrough() {
        List<String> problems = problems(doctor(RPPS, Map.of("email", List.of("x@exemple.fr"))));
        assertEquals(List.of("doctors[0].attributes.email: not an attribute the sync may write"), problems);
        assertEquals(1, problems(doctor(RPPS, Map.of("username", List.of(RPPS)))).size());
        assertEquals(1, problems(doctor(RPPS, Map.of("isAdmin", List.of("true")))).size());
    }

    @Test
    void refusesSeveralValuesEmptyValuesAndOverlongValues() {
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put("civility", List.of("M", "MME"));
        attributes.put("council", List.of(" "));
        attributes.put("givenNames", List.of("A".repeat(256)));
        attributes.put("birthLastName", null);
        List<String> problems = problems(doctor(RPPS, attributes));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("doctors[0].attributes.civility: expected [] (clear) or one value"));
        assertTrue(problems.contains("doctors[0].attributes.council: empty value (send [] to clear the attribute)"));
        assertTrue(problems.contains("doctors[0].attributes.givenNames: longer than 255 characters"));
        assertTrue(problems.contains("doctors[0].attributes.birthLastName: expected [] (clear) or one value"));
    }

    @Test
    void theRppsAttributeMustBeTheKey() {
        assertEquals(List.of("doctors[0].attributes.rpps: must equal the doctor's rpps"),
                problems(doctor(RPPS, Map.of("rpps", List.of(OTHER_RPPS)))));
    }

    @Test
    void theRppsAttributeIsAlwaysWrittenFromTheKey() {
        DoctorWrite write = doctor(RPPS, Map.of("council", List.of("75")));
        assertEquals(Map.of("council", List.of("75"), "rpps", List.of(RPPS)), write.wantedAttributes());
        assertEquals(Map.of("rpps", List.of(RPPS)), doctor(RPPS, null).wantedAttributes());
    }
}
