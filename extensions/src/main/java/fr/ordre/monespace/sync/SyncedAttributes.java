package fr.ordre.monespace.sync;

import fr.ordre.monespace.contract.DoctorAttributes;
import java.util.Set;
import org.keycloak.models.UserModel;

/**
 * The attributes the bulk endpoint may write: what the Ordinal decides about a doctor. The login
 * {@code email}, the {@code username} (the RPPS, the upsert key) and anything else belong to the
 * doctor or to Keycloak, so a batch naming them is refused rather than silently trimmed.
 */
final class SyncedAttributes {

    static final Set<String> NAMES = Set.of(
            UserModel.FIRST_NAME,
            UserModel.LAST_NAME,
            DoctorAttributes.RPPS,
            DoctorAttributes.BIRTH_DATE,
            DoctorAttributes.MOBILE_PHONE,
            DoctorAttributes.LANDLINE_PHONE,
            DoctorAttributes.CORRESPONDENCE_EMAIL,
            DoctorAttributes.CIVILITY,
            DoctorAttributes.COUNCIL,
            DoctorAttributes.BIRTH_LAST_NAME,
            DoctorAttributes.GIVEN_NAMES,
            DoctorAttributes.ORDINAL_STATUS,
            DoctorAttributes.ORDINAL_HASH);

    /** Keycloak's column size for a user attribute value kept in the indexed column. */
    static final int MAX_VALUE_LENGTH = 255;

    private SyncedAttributes() {
    }
}
