package fr.ordre.monespace.journey;

import fr.ordre.monespace.code.CodeChallenge;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The state of one journey, kept in authentication-session notes (shared by the nodes of a
 * cluster, dropped with the session after the login timeout). Named notes only: no screen reads
 * another's state any other way.
 */
public final class Journey {

    /** The note keeps its first name: journeys in flight survive an upgrade. */
    private static final String SCREEN = "step";
    private static final String DOCTOR_ID = "doctorId";
    private static final String EMAIL_FIXED = "emailFixed";
    private static final String CODE_PREFIX = "code.";
    private static final String[] CODE_KEYS = {"hash", "salt", "expires", "attempts", "sends", "lastSent", "channel"};

    private final AuthenticationFlowContext context;
    private final AuthenticationSessionModel session;
    private final String name;
    private final String prefix;

    /**
     * @param name {@code creation} or {@code recovery}: the notes of each live apart, since the
     *     login, creation and reset flows of one browser tab share an authentication session
     */
    public Journey(AuthenticationFlowContext context, String name) {
        this.context = context;
        this.session = context.getAuthenticationSession();
        this.name = name;
        this.prefix = "monespace." + name + ".";
    }

    public String name() {
        return name;
    }

    /**
     * Whether this request enters the journey (the link from another screen) rather than reloading
     * one of its pages: Keycloak's links into a flow carry no {@code execution} parameter, while our
     * forms always post to an URL with one.
     */
    public boolean isEntry() {
        return isEntry(context);
    }

    /** {@link #isEntry()} for a flow that keeps no journey. */
    public static boolean isEntry(AuthenticationFlowContext context) {
        return context.getUriInfo().getQueryParameters().getFirst("execution") == null;
    }

    public AuthenticationFlowContext context() {
        return context;
    }

    public Screen screen() {
        String value = session.getAuthNote(prefix + SCREEN);
        return value == null ? Screen.IDENTITY : Screen.valueOf(value);
    }

    public void moveTo(Screen screen) {
        session.setAuthNote(prefix + SCREEN, screen.name());
    }

    /** The matched doctor, or null before the identity step succeeded (or if they vanished). */
    public UserModel doctor() {
        String id = session.getAuthNote(prefix + DOCTOR_ID);
        return id == null ? null : context.getSession().users().getUserById(context.getRealm(), id);
    }

    public void rememberDoctor(UserModel doctor) {
        session.setAuthNote(prefix + DOCTOR_ID, doctor.getId());
    }

    /** Back to a blank identity screen: nothing of the previous doctor is kept. */
    public void restart() {
        session.removeAuthNote(prefix + DOCTOR_ID);
        session.removeAuthNote(prefix + EMAIL_FIXED);
        for (String key : CODE_KEYS) {
            session.removeAuthNote(prefix + CODE_PREFIX + key);
        }
        moveTo(Screen.IDENTITY);
    }

    public CodeChallenge code() {
        Map<String, String> notes = new HashMap<>();
        for (String key : CODE_KEYS) {
            String value = session.getAuthNote(prefix + CODE_PREFIX + key);
            if (value != null) {
                notes.put(key, value);
            }
        }
        return CodeChallenge.fromNotes(notes);
    }

    public void storeCode(CodeChallenge code) {
        Map<String, String> notes = code.toNotes();
        for (String key : CODE_KEYS) {
            String value = notes.get(key);
            if (value == null) {
                session.removeAuthNote(prefix + CODE_PREFIX + key);
            } else {
                session.setAuthNote(prefix + CODE_PREFIX + key, value);
            }
        }
    }

    /** Whether the login e-mail is the correspondence e-mail proven by the code (2.4b), not typed. */
    public boolean emailFixed() {
        return Boolean.parseBoolean(session.getAuthNote(prefix + EMAIL_FIXED));
    }

    public void setEmailFixed(boolean fixed) {
        session.setAuthNote(prefix + EMAIL_FIXED, Boolean.toString(fixed));
    }
}
