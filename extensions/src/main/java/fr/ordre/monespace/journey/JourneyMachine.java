package fr.ordre.monespace.journey;

import fr.ordre.monespace.code.Verification;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.identity.DoctorDirectory;
import fr.ordre.monespace.identity.IdentityMatch;
import fr.ordre.monespace.limits.Limit;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The state machine shared by creation and recovery: identity → channel → code → login e-mail
 * and password → success, over the authentication session. "Retour" moves one screen back
 * without losing what is behind it. One instance serves one request.
 */
public final class JourneyMachine {

    /** The doctor's wrong codes are used up, across every flow: no code is checked or sent. */
    static final String CODE_ENTRY_THROTTLED = "monespaceCodeEntryThrottled";

    private final AuthenticationFlowContext context;
    private final JourneyRules rules;
    private final Journey journey;
    private final JourneySettings settings;
    private final MultivaluedMap<String, String> form;
    private final String action;
    private final JourneyEvents events;
    private final KeycloakSession session;
    private final RealmModel realm;

    public JourneyMachine(AuthenticationFlowContext context, JourneyRules rules) {
        this.context = context;
        this.rules = rules;
        this.journey = new Journey(context, rules.name());
        this.settings = JourneySettings.from(context.getAuthenticatorConfig());
        this.form = context.getHttpRequest().getDecodedFormParameters();
        String submitted = form.getFirst("action");
        this.action = submitted == null ? "submit" : submitted;
        this.events = new JourneyEvents(context, rules.name());
        this.session = context.getSession();
        this.realm = context.getRealm();
    }

    /** The current screen, as it was left (or a blank identity screen when entering anew). */
    public Response show() {
        if (journey.isEntry()) {
            journey.restart();
        }
        return show(journey.step(), screens());
    }

    /** Handles a form post; null when the journey is over and the flow has succeeded. */
    public Response act() {
        Step step = journey.step();
        if (step == Step.IDENTITY) {
            return identity();
        }
        UserModel doctor = journey.doctor();
        if (doctor == null || !doctor.isEnabled()) {
            // The doctor was disabled or removed by the Ordinal sync meanwhile.
            journey.restart();
            return show(Step.IDENTITY, screens().globalError("monespaceJourneyRestart"));
        }
        return switch (step) {
            case CHANNEL -> "back".equals(action) ? back() : chooseChannel(doctor);
            case CODE -> switch (action) {
                case "back" -> back();
                case "resend" -> resend(doctor);
                default -> verifyCode(doctor);
            };
            case CREDENTIALS -> complete(doctor);
            case DONE -> finish(doctor);
            default -> identity();
        };
    }

    private Screens screens() {
        return new Screens(context, rules.name());
    }

    private Response back() {
        Step step = journey.step();
        if (step == Step.CHANNEL) {
            journey.restart();
        } else {
            journey.storeCode(journey.code().withoutCode());
            journey.moveTo(step.previous());
        }
        return show(journey.step(), screens());
    }

    private Response identity() {
        String address = context.getConnection().getRemoteAddr();
        IdentityStep.Outcome outcome = new IdentityStep(session, realm, settings).check(form, address);
        Screens screens = screens()
                .value(IdentityStep.FIELD_BIRTH_DATE, form.getFirst(IdentityStep.FIELD_BIRTH_DATE))
                .value(IdentityStep.FIELD_RPPS, form.getFirst(IdentityStep.FIELD_RPPS))
                .value(IdentityStep.FIELD_CGU, form.getFirst(IdentityStep.FIELD_CGU));
        if (outcome instanceof IdentityStep.Invalid invalid) {
            return screens.errors(invalid.errors()).render(Screens.IDENTITY);
        }
        if (outcome instanceof IdentityStep.Throttled throttled) {
            events.identityThrottled(rules.identityErrorEvent(), throttled.rpps());
            return screens.blocking(Blocking.error("monespaceIdentityThrottled")).render(Screens.IDENTITY);
        }
        if (outcome instanceof IdentityStep.NoMatch noMatch) {
            events.identityFailed(rules.identityErrorEvent(), noMatch.rpps(), "identity_mismatch");
            return screens.blocking(Blocking.error("monespaceIdentityMismatch")).render(Screens.IDENTITY);
        }
        IdentityStep.Matched matched = (IdentityStep.Matched) outcome;
        UserModel doctor = matched.match().doctor();
        Blocking blocking = rules.afterMatch(matched.match(), ContactDetails.of(doctor));
        if (blocking != null) {
            events.identityFailed(rules.identityErrorEvent(), matched.rpps(), "blocked_" + blocking.messageKey());
            return screens.blocking(blocking).render(Screens.IDENTITY);
        }
        journey.rememberDoctor(doctor);
        journey.moveTo(Step.CHANNEL);
        return show(Step.CHANNEL, screens());
    }

    private Response chooseChannel(UserModel doctor) {
        ContactDetails contacts = ContactDetails.of(doctor);
        Channel channel = Channel.fromId(form.getFirst("channel"))
                .filter(c -> rules.channels().contains(c) && contacts.has(c)).orElse(null);
        if (channel == null) {
            return show(Step.CHANNEL, screens().error("channel", "monespaceChannelRequired"));
        }
        return send(doctor, channel, false);
    }

    private Response resend(UserModel doctor) {
        return send(doctor, channel(), true);
    }

    private Response send(UserModel doctor, Channel channel, boolean again) {
        CodeStep.SendResult result = new CodeStep(session, realm, settings)
                .send(journey, doctor, channel, context.getConnection().getRemoteAddr());
        Step here = journey.step();
        String masked = ContactDetails.of(doctor).masked(channel);
        return switch (result.kind()) {
            case SENT -> {
                events.codeSent(doctor, channel);
                journey.moveTo(Step.CODE);
                String key = channel == Channel.SMS ? "monespaceCodeSentSms" : "monespaceCodeSentEmail";
                yield show(Step.CODE, screens().info(again ? key + "Again" : key, masked));
            }
            case TOO_EARLY -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.CODE, "code_resend_too_early");
                yield show(here, screens().globalError("monespaceResendTooEarly", result.waitSeconds()));
            }
            case CAP_REACHED -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.CODE, "code_resend_cap");
                yield show(here, screens().globalError("monespaceResendCapReached"));
            }
            case THROTTLED -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.CODE, "code_sends_throttled");
                yield show(here, screens().globalError("monespaceCodeSendsThrottled"));
            }
            case WRONG_CODES_LOCKED -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.WRONG_CODE, "wrong_codes_throttled");
                yield show(here, screens().globalError(CODE_ENTRY_THROTTLED));
            }
            case FAILED -> {
                events.codeNotSent(doctor, channel, channel == Channel.SMS ? "sms_failed" : "email_failed");
                yield show(here, screens().globalError(
                        channel == Channel.SMS ? "monespaceSmsFailed" : "monespaceCodeMailFailed"));
            }
        };
    }

    private Response verifyCode(UserModel doctor) {
        String typed = form.getFirst("code");
        String digits = typed == null ? "" : typed.strip().replace(" ", "");
        if (!digits.matches("[0-9]{6}")) {
            // A malformed entry is not a guess: it is not counted against the code.
            return show(Step.CODE, screens().error("code", "monespaceCodeFormat"));
        }
        CodeStep.Entry entry = new CodeStep(session, realm, settings).verify(journey, doctor, digits);
        if (entry.throttled()) {
            events.codeEntryThrottled(doctor);
            return show(Step.CODE, screens().error("code", CODE_ENTRY_THROTTLED));
        }
        Verification verification = entry.verification();
        return switch (verification.outcome()) {
            case ACCEPTED -> codeAccepted(doctor);
            case WRONG -> {
                events.codeFailed(doctor, "invalid_code");
                yield show(Step.CODE, screens().error("code", "monespaceCodeInvalid", verification.triesLeft()));
            }
            case EXHAUSTED -> {
                events.codeFailed(doctor, "code_exhausted");
                yield show(Step.CODE, screens().error("code", "monespaceCodeExhausted"));
            }
            case EXPIRED -> {
                events.codeFailed(doctor, "expired_code");
                yield show(Step.CODE, screens().error("code", "monespaceCodeExpired"));
            }
            case NO_CODE -> show(Step.CODE, screens().error("code", "monespaceCodeMissing"));
        };
    }

    private Response codeAccepted(UserModel doctor) {
        Channel channel = channel();
        boolean proven = rules.loginEmailProvenBy(channel);
        boolean fixed = proven && !new CredentialsStep(session, realm)
                .isTaken(doctor, ContactDetails.of(doctor).email(), false);
        journey.setEmailFixed(fixed);
        journey.moveTo(Step.CREDENTIALS);
        Screens screens = screens();
        if (proven && !fixed) {
            // 2.4b: the correspondence address is already another account's login (a shared secretariat).
            screens.info(CredentialsStep.EMAIL_TAKEN);
        }
        return show(Step.CREDENTIALS, screens);
    }

    private Response complete(UserModel doctor) {
        // The identity screen's rules, checked again: the espace may have been activated meanwhile
        // in another tab, or the contact details changed by the Ordinal sync.
        Blocking ineligible = rules.afterMatch(new IdentityMatch(doctor, DoctorDirectory.hasAccount(doctor)),
                ContactDetails.of(doctor));
        if (ineligible != null) {
            journey.restart();
            return screens().blocking(ineligible).render(Screens.IDENTITY);
        }
        String fixedEmail = journey.emailFixed() ? ContactDetails.of(doctor).email() : null;
        CredentialsStep step = new CredentialsStep(session, realm);
        CredentialsStep.Input input = CredentialsStep.Input.from(form, fixedEmail);
        List<FormMessage> errors = step.validate(doctor, input, rules.mustChangeEmail(),
                fixedEmail == null ? settings.emailTakenPerDoctor() : null);
        if (CredentialsStep.takenThrottled(errors)) {
            events.emailTakenThrottled(doctor);
        }
        Screens screens = screens()
                .value(CredentialsStep.FIELD_EMAIL, form.getFirst(CredentialsStep.FIELD_EMAIL))
                .value(CredentialsStep.FIELD_EMAIL_CONFIRM, form.getFirst(CredentialsStep.FIELD_EMAIL_CONFIRM));
        if (!errors.isEmpty()) {
            boolean taken = errors.stream().anyMatch(e -> CredentialsStep.EMAIL_TAKEN.equals(e.getMessage()));
            if (fixedEmail != null && taken) {
                journey.setEmailFixed(false);
                return show(Step.CREDENTIALS, screens().info(CredentialsStep.EMAIL_TAKEN));
            }
            return show(Step.CREDENTIALS, screens.errors(errors).attribute("emailTaken", taken));
        }
        String failure = rules.complete(context, events, doctor, input, fixedEmail != null, channel());
        if (failure != null) {
            return show(Step.CREDENTIALS, screens.globalError(failure));
        }
        journey.moveTo(Step.DONE);
        return show(Step.DONE, screens());
    }

    /** "Retour à la connexion": the doctor is signed in and lands on the MonEspace home. */
    private Response finish(UserModel doctor) {
        journey.restart();
        context.setUser(doctor);
        context.success();
        return null;
    }

    private Channel channel() {
        return Channel.fromId(journey.code().channel()).orElse(Channel.SMS);
    }

    /** Renders {@code step}'s screen with what it needs from the journey. */
    private Response show(Step step, Screens screens) {
        UserModel doctor = step == Step.IDENTITY ? null : journey.doctor();
        return switch (step) {
            case IDENTITY -> screens.render(Screens.IDENTITY);
            case CHANNEL -> screens
                    .attribute("channels", ContactDetails.of(doctor).offered(rules.channels()))
                    .attribute("selectedChannel", journey.code().channel())
                    .render(Screens.CHANNEL);
            case CODE -> screens.attribute("codeChannel", channel().id())
                    .attribute("codeDestination", ContactDetails.of(doctor).masked(channel()))
                    .render(Screens.CODE);
            case CREDENTIALS -> {
                Map<String, Object> credentials = new HashMap<>();
                credentials.put("variant", rules.credentialsVariant(channel()));
                if (journey.emailFixed()) {
                    credentials.put("fixedEmail", ContactDetails.of(doctor).email());
                }
                yield screens.attribute("credentials", credentials).render(Screens.CREDENTIALS);
            }
            case DONE -> screens.render(Screens.DONE);
        };
    }
}
