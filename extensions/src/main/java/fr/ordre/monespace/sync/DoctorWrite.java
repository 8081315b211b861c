package fr.ordre.monespace.sync;

import fr.ordre.monespace.contract.DoctorAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One doctor of a batch, as the sync sends it.
 *
 * @param rpps       the upsert key: the user whose username is this RPPS is updated, or created
 * @param enabled    the flag to set; {@code null} leaves it as it is (a creation then stays disabled)
 * @param attributes synced attributes to set; an empty list clears one, a name left out is left as it is
 * @param create     true: the sync's export of the realm did not list this doctor, so the user is
 *                   created without being looked up; if it exists after all (a run cut off after
 *                   this batch landed, another writer), the batch fails whole with 409 and the sync
 *                   sends it again without the flag
 */
public record DoctorWrite(String rpps, Boolean enabled, Map<String, List<String>> attributes, Boolean create) {

    /** Whether the user is created without being looked up. */
    boolean creating() {
        return Boolean.TRUE.equals(create);
    }

    /** The attributes to write, with the {@code rpps} attribute always equal to the key. */
    Map<String, List<String>> wantedAttributes() {
        Map<String, List<String>> wanted = new LinkedHashMap<>(attributes == null ? Map.of() : attributes);
        wanted.put(DoctorAttributes.RPPS, List.of(rpps));
        return wanted;
    }
}
