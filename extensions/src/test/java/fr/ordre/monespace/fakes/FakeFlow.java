package fr.ordre.monespace.fakes;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One browser's way through an authentication flow, with Keycloak's parts faked: the
 * authentication session's notes (kept between requests, as Keycloak keeps them), the realm's
 * doctors, the password policy (12 characters at least), and each request's form post, client
 * address and rendered page.
 */
public final class FakeFlow {

    public final Map<String, String> notes = new HashMap<>();
    public final Map<String, FakeDoctor> doctors = new LinkedHashMap<>();
    public final Map<String, String> config = new HashMap<>();
    public final List<FakeForm> rendered = new ArrayList<>();
    /** Mails sent: {@code <address> <template>}. */
    public final List<String> mails = new ArrayList<>();
    public String clientAddress = "192.0.2.10";
    public UserModel user;
    public boolean succeeded;
    private MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
    private boolean entry = true;

    public FakeDoctor add(FakeDoctor doctor) {
        doctors.put(doctor.id, doctor);
        return doctor;
    }

    /** The link into the flow (no {@code execution} parameter): a journey starts afresh. */
    public AuthenticationFlowContext enter() {
        entry = true;
        form = new MultivaluedHashMap<>();
        return context();
    }

    /** A post of the current screen's form. */
    public AuthenticationFlowContext post(String... fields) {
        entry = false;
        form = new MultivaluedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(fields[i], fields[i + 1]);
        }
        return context();
    }

    /** The page the last request rendered. */
    public FakeForm page() {
        return rendered.get(rendered.size() - 1);
    }

    private AuthenticationFlowContext context() {
        return Fake.of(AuthenticationFlowContext.class, new Context());
    }

    private final class Context {
        private final KeycloakSession session = Fake.of(KeycloakSession.class, new Session());
        private final RealmModel realm = Fake.of(RealmModel.class, new Realm());

        AuthenticationSessionModel getAuthenticationSession() {
            return Fake.of(AuthenticationSessionModel.class, new Notes());
        }

        KeycloakSession getSession() {
            return session;
        }

        RealmModel getRealm() {
            return realm;
        }

        UriInfo getUriInfo() {
            return Fake.of(UriInfo.class, new Uri());
        }

        HttpRequest getHttpRequest() {
            return Fake.of(HttpRequest.class, new Request());
        }

        ClientConnection getConnection() {
            return Fake.of(ClientConnection.class, new Connection());
        }

        AuthenticatorConfigModel getAuthenticatorConfig() {
            AuthenticatorConfigModel model = new AuthenticatorConfigModel();
            model.setConfig(new HashMap<>(config));
            return model;
        }

        AuthenticationExecutionModel getExecution() {
            AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
            execution.setId("execution-1");
            return execution;
        }

        org.keycloak.forms.login.LoginFormsProvider form() {
            return FakeForm.in(rendered);
        }

        UserModel getUser() {
            return user;
        }

        void setUser(UserModel value) {
            user = value;
        }

        void success() {
            succeeded = true;
        }
    }

    private final class Notes {
        String getAuthNote(String name) {
            return notes.get(name);
        }

        void setAuthNote(String name, String value) {
            notes.put(name, value);
        }

        void removeAuthNote(String name) {
            notes.remove(name);
        }
    }

    private final class Session {
        UserProvider users() {
            return Fake.of(UserProvider.class, new Users());
        }

        @SuppressWarnings("unchecked")
        <T> T getProvider(Class<T> type) {
            if (type == PasswordPolicyManagerProvider.class) {
                return (T) Fake.of(PasswordPolicyManagerProvider.class, new Policy());
            }
            if (type == EmailTemplateProvider.class) {
                return (T) Fake.of(EmailTemplateProvider.class, new Mailer());
            }
            throw new UnsupportedOperationException("fake session: no " + type.getSimpleName());
        }
    }

    private final class Users {
        UserModel getUserById(RealmModel realm, String id) {
            FakeDoctor doctor = doctors.get(id);
            return doctor == null ? null : doctor.model;
        }

        UserModel getUserByEmail(RealmModel realm, String email) {
            return doctors.values().stream().filter(d -> email.equalsIgnoreCase(d.email)).map(d -> d.model)
                    .findFirst().orElse(null);
        }
    }

    private final class Mailer {
        Mailer setRealm(RealmModel realm) {
            return this;
        }

        Mailer setUser(UserModel user) {
            return this;
        }

        void send(String subjectKey, List<Object> subjectAttributes, String template, Map<String, Object> attributes,
                  String address) {
            mails.add(address + " " + template);
        }
    }

    /** The realm's policy as far as these tests need it: 12 characters at least. */
    private static final class Policy {
        PolicyError validate(RealmModel realm, UserModel user, String password) {
            return password.length() < 12 ? new PolicyError("invalidPasswordMinLengthMessage", 12) : null;
        }
    }

    private static final class Realm {
        String getId() {
            return "realm-1";
        }
    }

    private final class Uri {
        MultivaluedMap<String, String> getQueryParameters() {
            MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
            if (!entry) {
                query.add("execution", "execution-1");
            }
            return query;
        }
    }

    private final class Request {
        MultivaluedMap<String, String> getDecodedFormParameters() {
            return form;
        }
    }

    private final class Connection {
        String getRemoteAddr() {
            return clientAddress;
        }
    }
}
