package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.contract.DoctorAttributes;
import fr.ordre.monespace.legacy.hash.LegacyScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.support.EntityManagers;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Attaches a validated batch of portal accounts to their doctors in the request's transaction: all
 * of it, or nothing. Each account is decided again from what the database holds now (a doctor may
 * have activated an espace since the import read the realm); only the login e-mail, the password
 * credential and the {@code legacyAccount} attribute are written, never an Ordinal attribute.
 */
final class AccountImport {

    private final KeycloakSession session;
    private final RealmModel realm;

    AccountImport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Each account's outcome, in the batch's order. */
    List<ImportOutcome> apply(AccountBatch batch) {
        EspaceInventory inventory = new EspaceInventory(session, realm);
        Map<String, EspaceState> states = inventory.of(batch.accounts().stream().map(PortalAccount::rpps).toList());
        Map<String, String> owners = inventory.emailOwners(batch.accounts().stream().map(PortalAccount::email).toList());
        List<ImportOutcome> outcomes = new ArrayList<>();
        // Batch mode, as the sync's upsert: no flush per user nor before each query, in a
        // persistence context of its own — where the users to write are loaded first, at once.
        EntityManagers.runInBatch(session, () -> {
            inventory.prefetch(states.values().stream().map(EspaceState::userId).toList());
            for (PortalAccount account : batch.accounts()) {
                EspaceState state = states.get(account.rpps());
                ImportOutcome outcome = ImportOutcome.decide(account, state, owners.get(account.email()));
                if (outcome == ImportOutcome.IMPORTED || outcome == ImportOutcome.UPDATED) {
                    write(account, state);
                }
                outcomes.add(outcome);
            }
        }, true);
        return outcomes;
    }

    private void write(PortalAccount account, EspaceState state) {
        UserModel doctor = session.users().getUserById(realm, state.userId());
        doctor.setEmail(account.email());
        // The portal has been writing to this address (its one-time login links prove it).
        doctor.setEmailVerified(true);
        doctor.setSingleAttribute(DoctorAttributes.LEGACY_ACCOUNT, account.origin());
        LegacyScheme scheme = LegacyScheme.ofHash(account.hash()).orElseThrow();
        // Stored as the portal stored it; the first successful login re-hashes it with the realm's algorithm.
        PasswordCredentialModel credential = PasswordCredentialModel.createFromValues(scheme.algorithm(), null, 0, account.hash());
        credential.setCreatedDate(Time.currentTimeMillis());
        if (state.credentialId() == null) {
            doctor.credentialManager().createStoredCredential(credential);
        } else {
            credential.setId(state.credentialId());
            doctor.credentialManager().updateStoredCredential(credential);
        }
    }
}
