package fr.ordre.monespace.journey;

import fr.ordre.monespace.account.EmailTakenAnswers;
import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.code.CodeLimits;
import fr.ordre.monespace.code.Verification;
import fr.ordre.monespace.config.ProviderConfig;
import fr.ordre.monespace.config.Setting;
import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.CodeDelivery;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.identity.DoctorDirectory;
import fr.ordre.monespace.identity.IdentityMatch;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limits;
import fr.ordre.monespace.limits.Quotas;
import fr.ordre.monespace.texts.Wording;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The state machine shared by creation and recovery: identity → channel → code → login e-mail
 * and password → success, over the authentication session. "Retour" moves one screen back
 * without losing what is behind it. It decides which screen and which messages come next;
 * {@link JourneyView} renders them, {@link JourneyEvents} reports them. One instance serves one
 * request.
 */
public final class JourneyMachine {

    /** The doctor's wrong codes are used up, across every flow: no code is checked or sent. */
    static final String CODE_ENTRY_THROTTLED = "monespaceCodeEntryThrottled";

    /** What the machine takes from Keycloak besides the request: fakes in unit tests. */
    record Parts(Quotas quotas, OneTimeCodes.Sender codes, IdentityCheck.Directory directory,
                 Supplier<Wording> wording, JourneyEvents events) {
    }

    private final AuthenticationFlowContext context;
    private final JourneyRules rules;
    private final Journey journey;
    private final JourneyView view;
    private final Parts parts;
    private final Limits limits;
    private final CodeLimits codeLimits;
    private final MultivaluedMap<String, String> form;
    private final String action;
    private Wording wording;

    public JourneyMachine(AuthenticationFlowContext context, JourneyRules rules) {
        this(context, rules, parts(context, rules));
    }

    JourneyMachine(AuthenticationFlowContext context, JourneyRules rules, Parts parts) {
        this.context = context;
        this.rules = rules;
        this.journey = new Journey(context, rules.name());
        this.view = new JourneyView(context, rules, journey);
        this.parts = parts;
        ProviderConfig config = ProviderConfig.of(context.getAuthenticatorConfig());
        this.limits = new Limits(config);
        this.codeLimits = CodeLimits.of(config);
        this.form = context.getHttpRequest().getDecodedFormParameters();
        String submitted = form.getFirst("action");
        this.action = submitted == null ? "submit" : submitted;
    }

    private static Parts parts(AuthenticationFlowContext context, JourneyRules rules) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        ProviderConfig config = ProviderConfig.of(context.getAuthenticatorConfig());
        return new Parts(new Quotas(session, realm), new CodeDelivery(session, realm)::send,
                new DoctorDirectory(session, realm, config.list(Setting.ACTIVE_STATUSES))::match,
                // The pages' language: the request's (the journey signs no one in before its end).
                () -> Wording.login(session, realm, context.getUser()),
                JourneyEvents.of(context, rules.name()));
    }

    /** The current screen, as it was left (or a blank identity screen when entering anew). */
    public Response show() {
        if (journey.isEntry()) {
            journey.restart();
        }
        return view.show(journey.screen());
    }

    /** Handles a form post; null when the journey is over and the flow has succeeded. */
    public Response act() {
        Screen screen = journey.screen();
        if (screen == Screen.IDENTITY) {
            return identity();
        }
        UserModel doctor = journey.doctor();
        if (doctor == null || !doctor.isEnabled()) {
            // The doctor was disabled or removed by the Ordinal sync meanwhile.
            journey.restart();
            return view.show(Screen.IDENTITY, view.page().globalError("monespaceJourneyRestart"));
        }
        return switch (screen) {
            case CHANNEL -> "back".equals(action) ? back() : chooseChannel(doctor);
            case CODE -> switch (action) {
                case "back" -> back();
                case "resend" -> send(doctor, view.channel(), true);
                default -> verifyCode(doctor);
            };
            case CREDENTIALS -> complete(doctor);
            case DONE -> finish(doctor);
            case IDENTITY -> identity();
        };
    }

    private Response back() {
        Screen screen = journey.screen();
        if (screen == Screen.CHANNEL) {
            journey.restart();
        } else {
            journey.storeCode(journey.code().withoutCode());
            journey.moveTo(screen.previous());
        }
        return view.show(journey.screen());
    }

    private Response identity() {
        String address = context.getConnection().getRemoteAddr();
        IdentityCheck.Outcome outcome = new IdentityCheck(parts.quotas(), limits, parts.directory()).check(form, address);
        Page page = view.page()
                .value(IdentityCheck.FIELD_BIRTH_DATE, form.getFirst(IdentityCheck.FIELD_BIRTH_DATE))
                .value(IdentityCheck.FIELD_RPPS, form.getFirst(IdentityCheck.FIELD_RPPS))
                .value(IdentityCheck.FIELD_CGU, form.getFirst(IdentityCheck.FIELD_CGU));
        if (outcome instanceof IdentityCheck.Invalid invalid) {
            return view.show(Screen.IDENTITY, page.errors(invalid.errors()));
        }
        if (outcome instanceof IdentityCheck.Throttled throttled) {
            parts.events().identityThrottled(rules.identityErrorEvent(), throttled.rpps());
            String wait = wording().duration(throttled.by().longestWaitSeconds());
            return view.show(Screen.IDENTITY, page.blocking(
                    Blocking.error("monespaceIdentityThrottled", EventError.IDENTITY_THROTTLED).with(wait)));
        }
        if (outcome instanceof IdentityCheck.NoMatch noMatch) {
            parts.events().identityFailed(rules.identityErrorEvent(), noMatch.rpps(), EventError.IDENTITY_MISMATCH);
            return view.show(Screen.IDENTITY, page.blocking(
                    Blocking.error("monespaceIdentityMismatch", EventError.IDENTITY_MISMATCH)));
        }
        IdentityCheck.Matched matched = (IdentityCheck.Matched) outcome;
        UserModel doctor = matched.match().doctor();
        Blocking blocking = rules.afterMatch(matched.match(), ContactDetails.of(doctor));
        if (blocking != null) {
            parts.events().identityFailed(rules.identityErrorEvent(), matched.rpps(), blocking.event());
            return view.show(Screen.IDENTITY, page.blocking(blocking));
        }
        journey.rememberDoctor(doctor);
        journey.moveTo(Screen.CHANNEL);
        return view.show(Screen.CHANNEL);
    }

    private Response chooseChannel(UserModel doctor) {
        ContactDetails contacts = ContactDetails.of(doctor);
        Channel channel = Channel.fromId(form.getFirst("channel"))
                .filter(c -> rules.channels().contains(c) && contacts.has(c)).orElse(null);
        if (channel == null) {
            return view.show(Screen.CHANNEL, view.page().error("channel", "monespaceChannelRequired"));
        }
        return send(doctor, channel, false);
    }

    private Response send(UserModel doctor, Channel channel, boolean again) {
        OneTimeCodes.SendResult result = codes().send(journey, doctor, channel, context.getConnection().getRemoteAddr());
        Screen here = journey.screen();
        JourneyEvents events = parts.events();
        return switch (result.kind()) {
            case SENT -> {
                events.codeSent(doctor, channel);
                journey.moveTo(Screen.CODE);
                String masked = ContactDetails.of(doctor).masked(channel);
                boolean sms = channel == Channel.SMS;
                Page page = again
                        ? view.page().info(sms ? "monespaceCodeSentSmsAgain" : "monespaceCodeSentEmailAgain", masked)
                        : view.page().info(sms ? "monespaceCodeSentSms" : "monespaceCodeSentEmail", masked,
                                wording().duration(codeLimits.ttlSeconds()));
                yield view.show(Screen.CODE, page);
            }
            case TOO_EARLY -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.CODE, EventError.CODE_RESEND_TOO_EARLY);
                yield view.show(here, view.page().globalError("monespaceResendTooEarly",
                        wording().duration(result.waitSeconds())));
            }
            case CAP_REACHED -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.CODE, EventError.CODE_RESEND_CAP);
                yield view.show(here, view.page().globalError("monespaceResendCapReached"));
            }
            case THROTTLED -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.CODE, EventError.CODE_SENDS_THROTTLED);
                yield view.show(here, view.page().globalError("monespaceCodeSendsThrottled",
                        wording().duration(limits.codeSendsPerAddress().windowSeconds())));
            }
            case WRONG_CODES_LOCKED -> {
                events.codeSendThrottled(doctor, channel, Limit.Kind.WRONG_CODE, EventError.WRONG_CODES_THROTTLED);
                yield view.show(here, view.page().globalError(CODE_ENTRY_THROTTLED, wrongCodesWait()));
            }
            case FAILED -> {
                events.codeNotSent(doctor, channel,
                        channel == Channel.SMS ? EventError.SMS_FAILED : EventError.EMAIL_FAILED);
                yield view.show(here, view.page().globalError(
                        channel == Channel.SMS ? "monespaceSmsFailed" : "monespaceCodeMailFailed"));
            }
        };
    }

    private Response verifyCode(UserModel doctor) {
        String typed = form.getFirst("code");
        String digits = typed == null ? "" : typed.strip().replace(" ", "");
        if (!digits.matches("[0-9]{6}")) {
            // A malformed entry is not a guess: it is not counted against the code.
            return view.show(Screen.CODE, view.page().error("code", "monespaceCodeFormat"));
        }
        OneTimeCodes.Entry entry = codes().verify(journey, doctor, digits);
        if (entry.throttled()) {
            parts.events().codeEntryThrottled(doctor);
            return view.show(Screen.CODE, view.page().error("code", CODE_ENTRY_THROTTLED, wrongCodesWait()));
        }
        Verification verification = entry.verification();
        return switch (verification.outcome()) {
            case ACCEPTED -> codeAccepted(doctor);
            case WRONG -> {
                parts.events().codeFailed(doctor, EventError.INVALID_CODE);
                yield view.show(Screen.CODE,
                        view.page().error("code", "monespaceCodeInvalid", verification.triesLeft()));
            }
            case EXHAUSTED -> {
                parts.events().codeFailed(doctor, EventError.CODE_EXHAUSTED);
                yield view.show(Screen.CODE, view.page().error("code", "monespaceCodeExhausted"));
            }
            case EXPIRED -> {
                parts.events().codeFailed(doctor, EventError.EXPIRED_CODE);
                yield view.show(Screen.CODE, view.page().error("code", "monespaceCodeExpired"));
            }
            case NO_CODE -> view.show(Screen.CODE, view.page().error("code", "monespaceCodeMissing"));
        };
    }

    private Response codeAccepted(UserModel doctor) {
        boolean proven = rules.loginEmailProvenBy(view.channel());
        boolean fixed = proven && !LoginEmail.isTaken(context.getSession(), context.getRealm(), doctor,
                ContactDetails.of(doctor).email(), false);
        journey.setEmailFixed(fixed);
        journey.moveTo(Screen.CREDENTIALS);
        Page page = view.page();
        if (proven && !fixed) {
            // 2.4b: the correspondence address is already another account's login (a shared secretariat).
            page.info(EmailTakenAnswers.TAKEN);
        }
        return view.show(Screen.CREDENTIALS, page);
    }

    private Response complete(UserModel doctor) {
        // The identity screen's rules, checked again: the espace may have been activated meanwhile
        // in another tab, or the contact details changed by the Ordinal sync.
        Blocking ineligible = rules.afterMatch(new IdentityMatch(doctor, DoctorDirectory.hasAccount(doctor)),
                ContactDetails.of(doctor));
        if (ineligible != null) {
            journey.restart();
            return view.show(Screen.IDENTITY, view.page().blocking(ineligible));
        }
        String fixedEmail = journey.emailFixed() ? ContactDetails.of(doctor).email() : null;
        CredentialsForm.Input input = CredentialsForm.Input.from(form, fixedEmail);
        Limit emailTaken = limits.emailTakenPerDoctor();
        EmailTakenAnswers answers = fixedEmail != null ? null : new EmailTakenAnswers(parts.quotas(), emailTaken,
                () -> wording().duration(emailTaken.windowSeconds()));
        List<FormMessage> errors = new CredentialsForm(context.getSession(), context.getRealm())
                .validate(doctor, input, rules.mustChangeEmail(), answers);
        if (EmailTakenAnswers.withheld(errors)) {
            parts.events().emailTakenThrottled(doctor);
        }
        Page page = view.page()
                .value(CredentialsForm.FIELD_EMAIL, form.getFirst(CredentialsForm.FIELD_EMAIL))
                .value(CredentialsForm.FIELD_EMAIL_CONFIRM, form.getFirst(CredentialsForm.FIELD_EMAIL_CONFIRM));
        if (!errors.isEmpty()) {
            boolean taken = EmailTakenAnswers.said(errors);
            if (fixedEmail != null && taken) {
                journey.setEmailFixed(false);
                return view.show(Screen.CREDENTIALS, view.page().info(EmailTakenAnswers.TAKEN));
            }
            return view.show(Screen.CREDENTIALS, page.errors(errors).attribute("emailTaken", taken));
        }
        String failure = rules.complete(context, parts.events(), doctor, input, fixedEmail != null, view.channel());
        if (failure != null) {
            return view.show(Screen.CREDENTIALS, page.globalError(failure));
        }
        journey.moveTo(Screen.DONE);
        return view.show(Screen.DONE);
    }

    /** "Retour à la connexion": the doctor is signed in and lands on the MonEspace home. */
    private Response finish(UserModel doctor) {
        journey.restart();
        context.setUser(doctor);
        context.success();
        return null;
    }

    private OneTimeCodes codes() {
        return new OneTimeCodes(parts.quotas(), limits, codeLimits, parts.codes());
    }

    private String wrongCodesWait() {
        return wording().duration(limits.wrongCodesPerDoctor().windowSeconds());
    }

    private Wording wording() {
        if (wording == null) {
            wording = parts.wording().get();
        }
        return wording;
    }
}
