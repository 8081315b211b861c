package fr.ordre.monespace.sync;

import fr.ordre.monespace.contract.DoctorAttributes;
import fr.ordre.monespace.identity.Rpps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of an upsert: doctors written together, in one transaction.
 *
 * <p>Checked whole before anything is written, so a malformed batch (a client bug) changes
 * nothing and names every problem at once.
 */
public record DoctorBatch(List<DoctorWrite> doctors) {

    /** Bounds one transaction: the sync sends about 500. */
    static final int MAX_DOCTORS = 1000;

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (doctors == null || doctors.isEmpty()) {
            problems.add("\"doctors\" is missing or empty");
            return problems;
        }
        if (doctors.size() > MAX_DOCTORS) {
            problems.add("at most " + MAX_DOCTORS + " doctors per batch, got " + doctors.size());
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < doctors.size(); index++) {
            DoctorWrite doctor = doctors.get(index);
            String where = "doctors[" + index + "]";
            if (doctor == null) {
                problems.add(where + ": null");
                continue;
            }
            Optional<String> rpps = Rpps.parse(doctor.rpps());
            if (rpps.isEmpty() || !rpps.get().equals(doctor.rpps())) {
                problems.add(where + ": rpps must be 11 digits with a valid Luhn key, got " + quoted(doctor.rpps()));
                continue;
            }
            if (!seen.add(doctor.rpps())) {
                problems.add(where + ": rpps " + doctor.rpps() + " appears twice in the batch");
            }
            if (doctor.attributes() != null) {
                doctor.attributes().forEach((name, values) -> checkAttribute(where, doctor.rpps(), name, values, problems));
            }
        }
        return problems;
    }

    private static void checkAttribute(String where, String rpps, String name, List<String> values, List<String> problems) {
        String at = where + ".attributes." + name;
        if (!SyncedAttributes.NAMES.contains(name)) {
            problems.add(at + ": not an attribute the sync may write");
            return;
        }
        if (values == null || values.size() > 1) {
            problems.add(at + ": expected [] (clear) or one value");
            return;
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                problems.add(at + ": empty value (send [] to clear the attribute)");
            } else if (value.length() > SyncedAttributes.MAX_VALUE_LENGTH) {
                problems.add(at + ": longer than " + SyncedAttributes.MAX_VALUE_LENGTH + " characters");
            }
        }
        if (DoctorAttributes.RPPS.equals(name) && !values.equals(List.of(rpps))) {
            problems.add(at + ": must equal the doctor's rpps");
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
