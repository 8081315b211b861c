package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.contract.DoctorAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.support.EntityManagers;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Undoes the import for a batch of doctors, in the request's transaction: an espace imported from
 * the portal and never used since loses its login e-mail, portal hash and {@code legacyAccount}, as
 * before the import. A doctor who signed in since keeps the espace (its password is MonEspace's own
 * now); a doctor the import never touched is left alone.
 */
final class AccountUndo {

    enum Outcome { UNDONE, KEPT, NOT_IMPORTED, NO_DOCTOR }

    private final KeycloakSession session;
    private final RealmModel realm;

    AccountUndo(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Each doctor's outcome, in the batch's order. */
    List<Outcome> apply(List<String> rpps) {
        Map<String, EspaceState> states = new EspaceInventory(session, realm).of(rpps);
        List<Outcome> outcomes = new ArrayList<>();
        EntityManagers.runInBatch(session, () -> rpps.forEach(one -> outcomes.add(undo(states.get(one)))), true);
        return outcomes;
    }

    private Outcome undo(EspaceState state) {
        if (state == null) {
            return Outcome.NO_DOCTOR;
        }
        if (state.legacyAccount() == null || state.espace() == Espace.NONE) {
            return Outcome.NOT_IMPORTED;
        }
        if (state.espace() == Espace.ACTIVE) {
            return Outcome.KEPT;
        }
        UserModel doctor = session.users().getUserById(realm, state.userId());
        doctor.credentialManager().removeStoredCredentialById(state.credentialId());
        doctor.setEmail(null);
        doctor.setEmailVerified(false);
        doctor.removeAttribute(DoctorAttributes.LEGACY_ACCOUNT);
        return Outcome.UNDONE;
    }
}
