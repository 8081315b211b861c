package fr.ordre.monespace.fakes;

import fr.ordre.monespace.contract.DoctorAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.credential.CredentialInput;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

/** A doctor as the Ordinal sync leaves them: username = RPPS, contact details as attributes. */
public final class FakeDoctor {

    public final String id;
    public final String rpps;
    public final Map<String, String> attributes = new HashMap<>();
    public String email;
    public boolean emailVerified;
    public boolean enabled = true;
    /** The password of an activated espace; null: no espace yet. */
    public String password;
    public final UserModel model;

    public FakeDoctor(String rpps) {
        this.id = "user-" + rpps;
        this.rpps = rpps;
        attributes.put(DoctorAttributes.RPPS, rpps);
        this.model = Fake.of(UserModel.class, this);
    }

    public FakeDoctor mobile(String mobile) {
        attributes.put(DoctorAttributes.MOBILE_PHONE, mobile);
        return this;
    }

    public FakeDoctor correspondenceEmail(String address) {
        attributes.put(DoctorAttributes.CORRESPONDENCE_EMAIL, address);
        return this;
    }

    String getId() {
        return id;
    }

    String getUsername() {
        return rpps;
    }

    String getFirstAttribute(String name) {
        return attributes.get(name);
    }

    void setSingleAttribute(String name, String value) {
        attributes.put(name, value);
    }

    String getEmail() {
        return email;
    }

    void setEmail(String value) {
        email = value;
    }

    boolean isEmailVerified() {
        return emailVerified;
    }

    void setEmailVerified(boolean value) {
        emailVerified = value;
    }

    boolean isEnabled() {
        return enabled;
    }

    SubjectCredentialManager credentialManager() {
        return Fake.of(SubjectCredentialManager.class, new Credentials());
    }

    private final class Credentials {
        boolean isConfiguredFor(String type) {
            return password != null;
        }

        boolean isValid(List<CredentialInput> inputs) {
            return password != null && inputs.size() == 1 && password.equals(inputs.get(0).getChallengeResponse());
        }

        boolean updateCredential(CredentialInput input) {
            password = input.getChallengeResponse();
            return true;
        }
    }
}
