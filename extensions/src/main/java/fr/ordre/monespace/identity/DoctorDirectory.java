package fr.ordre.monespace.identity;

import fr.ordre.monespace.contract.DoctorAttributes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.UserProvider;

/**
 * Finds the doctor behind (RPPS, birth date). An unknown RPPS, a wrong birth date and an inactive
 * doctor take the same path: one indexed lookup by username (the RPPS) in the database — not the
 * user cache, whose hits would make known numbers answer faster — and the same comparisons.
 */
public final class DoctorDirectory {

    /** Compared against when no doctor is found, so that path does the same comparison. */
    private static final String ABSENT_BIRTH_DATE = "0000-00-00";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Set<String> activeStatuses;

    public DoctorDirectory(KeycloakSession session, RealmModel realm, Set<String> activeStatuses) {
        this.session = session;
        this.realm = realm;
        this.activeStatuses = activeStatuses;
    }

    public IdentityMatch match(String rpps, LocalDate birthDate) {
        UserModel stored = database().getUserByUsername(realm, rpps);
        String onFile = stored == null ? ABSENT_BIRTH_DATE : nullToEmpty(stored.getFirstAttribute(DoctorAttributes.BIRTH_DATE));
        boolean sameDate = MessageDigest.isEqual(onFile.getBytes(StandardCharsets.US_ASCII),
                birthDate.toString().getBytes(StandardCharsets.US_ASCII));
        boolean active = stored != null && stored.isEnabled()
                && activeStatuses.contains(nullToEmpty(stored.getFirstAttribute(DoctorAttributes.ORDINAL_STATUS)));
        if (!(stored != null & sameDate & active)) {
            return IdentityMatch.none();
        }
        // From here on the doctor is known to the person typing: use the cached, managed model.
        UserModel doctor = session.users().getUserById(realm, stored.getId());
        return new IdentityMatch(doctor, hasAccount(doctor));
    }

    /** The JPA user provider itself, below the user cache. */
    private UserProvider database() {
        UserProvider jpa = session.getProvider(UserProvider.class, "jpa");
        return jpa != null ? jpa : session.users();
    }

    /** "Account exists" (SPEC 0): the doctor has activated an espace, so has a password. */
    public static boolean hasAccount(UserModel doctor) {
        return doctor.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
