package fr.ordre.monespace.support;

import fr.ordre.monespace.contract.DoctorAttributes;
import fr.ordre.monespace.identity.DoctorDirectory;
import fr.ordre.monespace.mask.ContactMasking;
import fr.ordre.monespace.reset.ResetLinkToken;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * What an agent sees of one doctor: the Ordinal data as synced, contact details masked as the
 * doctor sees them on the creation screens (mask/ContactMasking), the espace, the sessions and last
 * sign-ins, every current lock and limit with its end, and the last events. No code, password,
 * reset link or full contact detail is ever part of it.
 */
final class DoctorReport {

    static final int EVENTS = 30;
    static final int SIGN_INS = 5;

    private DoctorReport() {
    }

    static Map<String, Object> of(KeycloakSession session, RealmModel realm, UserModel doctor, long nowMillis) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rpps", doctor.getUsername());
        Map<String, Object> ordinal = new LinkedHashMap<>();
        ordinal.put("civility", doctor.getFirstAttribute(DoctorAttributes.CIVILITY));
        ordinal.put("lastName", doctor.getLastName());
        ordinal.put("firstName", doctor.getFirstName());
        ordinal.put("birthLastName", doctor.getFirstAttribute(DoctorAttributes.BIRTH_LAST_NAME));
        ordinal.put("givenNames", doctor.getFirstAttribute(DoctorAttributes.GIVEN_NAMES));
        ordinal.put("birthDate", doctor.getFirstAttribute(DoctorAttributes.BIRTH_DATE));
        ordinal.put("council", doctor.getFirstAttribute(DoctorAttributes.COUNCIL));
        String status = doctor.getFirstAttribute(DoctorAttributes.ORDINAL_STATUS);
        ordinal.put("status", status);
        ordinal.put("statusActive", status != null && RealmConfig.activeStatuses(realm).contains(status));
        ordinal.put("mobile", masked(doctor, DoctorAttributes.MOBILE_PHONE, ContactMasking::phone));
        ordinal.put("landline", masked(doctor, DoctorAttributes.LANDLINE_PHONE, ContactMasking::phone));
        ordinal.put("correspondenceEmail", masked(doctor, DoctorAttributes.CORRESPONDENCE_EMAIL, ContactMasking::email));
        ordinal.put("syncedSince", doctor.getCreatedTimestamp());
        report.put("ordinal", ordinal);

        Map<String, Object> espace = new LinkedHashMap<>();
        espace.put("enabled", doctor.isEnabled());
        espace.put("activated", DoctorDirectory.hasAccount(doctor));
        espace.put("passwordSetAt", doctor.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate).findFirst().orElse(null));
        espace.put("loginEmail", doctor.getEmail() == null ? null : ContactMasking.email(doctor.getEmail()));
        espace.put("sessions", session.sessions().getUserSessionsStream(realm, doctor).count());
        report.put("espace", espace);

        DoctorQuotas quotas = new DoctorQuotas(session, realm, doctor);
        report.put("limits", quotas.report());
        // The page states how long a link it sends stays valid: the realm's value, not a constant.
        report.put("resetLinkSeconds", realm.getActionTokenGeneratedByUserLifespan(ResetLinkToken.TOKEN_TYPE));
        report.put("liftable", quotas.ids());
        DoctorEvents events = new DoctorEvents(session, realm);
        report.put("signIns", events.signIns(doctor, SIGN_INS));
        report.put("events", events.recent(doctor, EVENTS, nowMillis));
        return report;
    }

    private static String masked(UserModel doctor, String attribute, UnaryOperator<String> mask) {
        String value = doctor.getFirstAttribute(attribute);
        return value == null || value.isBlank() ? null : mask.apply(value);
    }
}
