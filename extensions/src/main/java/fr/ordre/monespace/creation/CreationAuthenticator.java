package fr.ordre.monespace.creation;

import fr.ordre.monespace.code.Verification;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.delivery.Notices;
import fr.ordre.monespace.identity.DoctorDirectory;
import fr.ordre.monespace.journey.Blocking;
import fr.ordre.monespace.journey.CodeStep;
import fr.ordre.monespace.journey.CredentialsStep;
import fr.ordre.monespace.journey.IdentityStep;
import fr.ordre.monespace.journey.Journey;
import fr.ordre.monespace.journey.JourneyEvents;
import fr.ordre.monespace.journey.JourneySettings;
import fr.ordre.monespace.journey.Screens;
import fr.ordre.monespace.journey.Step;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Créer votre espace" (SPEC 2), bound as the realm's registration flow: identity → channel →
 * code → login e-mail and password → success. One state machine over the authentication
 * session; "Retour" moves one screen back without losing what is behind it.
 */
final class CreationAuthenticator implements Authenticator {

    static final String JOURNEY = "creation";
    private static final List<Channel> CHANNELS = List.of(Channel.SMS, Channel.EMAIL);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Journey journey = new Journey(context, JOURNEY);
        if (journey.isEntry()) {
            journey.restart();
        }
        Run run = new Run(context, journey);
        context.challenge(run.show(journey.step(), run.screens()));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Journey journey = new Journey(context, JOURNEY);
        Response response = new Run(context, journey).act(journey.step());
        if (response != null) {
            context.challenge(response);
        }
    }

    /** One request of the journey: its settings, form, collaborators and answer. */
    private static final class Run {

        private final AuthenticationFlowContext context;
        private final Journey journey;
        private final JourneySettings settings;
        private final MultivaluedMap<String, String> form;
        private final String action;
        private final JourneyEvents events;
        private final KeycloakSession session;
        private final RealmModel realm;

        Run(AuthenticationFlowContext context, Journey journey) {
            this.context = context;
            this.journey = journey;
            this.settings = JourneySettings.from(context.getAuthenticatorConfig());
            this.form = context.getHttpRequest().getDecodedFormParameters();
            String submitted = form.getFirst("action");
            this.action = submitted == null ? "submit" : submitted;
            this.events = new JourneyEvents(context, JOURNEY);
            this.session = context.getSession();
            this.realm = context.getRealm();
        }

        Screens screens() {
            return new Screens(context, JOURNEY);
        }

        Response act(Step step) {
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
                case CREDENTIALS -> activate(doctor);
                case DONE -> finish(doctor);
                default -> identity();
            };
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
            if (outcome instanceof IdentityStep.Throttled) {
                events.identityFailed(EventType.REGISTER_ERROR, null, "identity_throttled");
                return screens.blocking(Blocking.error("monespaceIdentityThrottled")).render(Screens.IDENTITY);
            }
            if (outcome instanceof IdentityStep.NoMatch noMatch) {
                events.identityFailed(EventType.REGISTER_ERROR, noMatch.rpps(), "identity_mismatch");
                return screens.blocking(Blocking.error("monespaceIdentityMismatch")).render(Screens.IDENTITY);
            }
            IdentityStep.Matched matched = (IdentityStep.Matched) outcome;
            UserModel doctor = matched.match().doctor();
            if (matched.match().hasAccount()) {
                return screens.blocking(accountExists()).render(Screens.IDENTITY);
            }
            if (ContactDetails.of(doctor).offered(CHANNELS).isEmpty()) {
                events.identityFailed(EventType.REGISTER_ERROR, matched.rpps(), "no_contact_details");
                return screens.blocking(Blocking.info("monespaceNoContactDetails")).render(Screens.IDENTITY);
            }
            journey.rememberDoctor(doctor);
            journey.moveTo(Step.CHANNEL);
            return show(Step.CHANNEL, screens());
        }

        private Response chooseChannel(UserModel doctor) {
            ContactDetails contacts = ContactDetails.of(doctor);
            Channel channel = Channel.fromId(form.getFirst("channel")).filter(contacts::has).orElse(null);
            if (channel == null) {
                return show(Step.CHANNEL, screens().error("channel", "monespaceChannelRequired"));
            }
            return send(doctor, channel, false);
        }

        private Response resend(UserModel doctor) {
            Channel channel = Channel.fromId(journey.code().channel()).orElse(Channel.SMS);
            return send(doctor, channel, true);
        }

        private Response send(UserModel doctor, Channel channel, boolean again) {
            CodeStep.SendResult result = new CodeStep(session, realm, context.getAuthenticationSession(), settings)
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
                case TOO_EARLY -> show(here, screens().globalError("monespaceResendTooEarly", result.waitSeconds()));
                case CAP_REACHED -> show(here, screens().globalError("monespaceResendCapReached"));
                case THROTTLED -> {
                    events.codeNotSent(doctor, channel, "code_sends_throttled");
                    yield show(here, screens().globalError("monespaceCodeSendsThrottled"));
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
            Verification verification = new CodeStep(session, realm, context.getAuthenticationSession(), settings)
                    .verify(journey, digits);
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
            Channel channel = Channel.fromId(journey.code().channel()).orElse(Channel.SMS);
            String correspondence = ContactDetails.of(doctor).email();
            CredentialsStep credentials = new CredentialsStep(session, realm);
            boolean fixed = channel == Channel.EMAIL && !credentials.isTaken(doctor, correspondence, false);
            journey.setEmailFixed(fixed);
            journey.moveTo(Step.CREDENTIALS);
            Screens screens = screens();
            if (channel == Channel.EMAIL && !fixed) {
                // 2.4b: the correspondence address is already another account's login (a shared secretariat).
                screens.info(CredentialsStep.EMAIL_TAKEN);
            }
            return show(Step.CREDENTIALS, screens);
        }

        private Response activate(UserModel doctor) {
            if (DoctorDirectory.hasAccount(doctor)) {
                // Activated meanwhile, in another tab.
                journey.restart();
                return screens().blocking(accountExists()).render(Screens.IDENTITY);
            }
            String fixedEmail = journey.emailFixed() ? ContactDetails.of(doctor).email() : null;
            CredentialsStep step = new CredentialsStep(session, realm);
            CredentialsStep.Input input = CredentialsStep.Input.from(form, fixedEmail);
            List<FormMessage> errors = step.validate(doctor, input, false);
            Screens screens = screens()
                    .value(CredentialsStep.FIELD_EMAIL, form.getFirst(CredentialsStep.FIELD_EMAIL))
                    .value(CredentialsStep.FIELD_EMAIL_CONFIRM, form.getFirst(CredentialsStep.FIELD_EMAIL_CONFIRM));
            if (!errors.isEmpty()) {
                if (fixedEmail != null && errors.stream().anyMatch(e -> CredentialsStep.EMAIL_TAKEN.equals(e.getMessage()))) {
                    journey.setEmailFixed(false);
                    return show(Step.CREDENTIALS, screens().info(CredentialsStep.EMAIL_TAKEN));
                }
                return show(Step.CREDENTIALS, screens.errors(errors));
            }
            Map<String, Object> mail = new HashMap<>();
            mail.put("loginEmail", input.email());
            try {
                // Sent before the account changes: if the mail cannot go, nothing is half done.
                new Notices(session, realm).send(doctor, input.email(), "monespaceCreatedSubject",
                        "monespace-activated.ftl", mail);
            } catch (DeliveryException e) {
                return show(Step.CREDENTIALS, screens.globalError("monespaceConfirmationMailFailed"));
            }
            if (!step.apply(doctor, input, fixedEmail != null)) {
                return show(Step.CREDENTIALS, screens.error(CredentialsStep.FIELD_EMAIL, CredentialsStep.EMAIL_TAKEN));
            }
            Channel channel = Channel.fromId(journey.code().channel()).orElse(null);
            events.completed(EventType.REGISTER, "activated", doctor, channel);
            journey.moveTo(Step.DONE);
            return show(Step.DONE, screens());
        }

        /** "Retour à la connexion": the doctor is signed in and lands on the MonEspace home. */
        private Response finish(UserModel doctor) {
            context.setUser(doctor);
            context.success();
            return null;
        }

        /** SPEC 2.1 "match, account exists", whose last words link to the password reset. */
        private static Blocking accountExists() {
            return Blocking.infoWithLink("monespaceAccountExists", "monespaceAccountExistsLink", "reset");
        }

        /** Renders {@code step}'s screen with what it needs from the journey. */
        Response show(Step step, Screens screens) {
            UserModel doctor = step == Step.IDENTITY ? null : journey.doctor();
            return switch (step) {
                case IDENTITY -> screens.render(Screens.IDENTITY);
                case CHANNEL -> screens
                        .attribute("channels", ContactDetails.of(doctor).offered(CHANNELS))
                        .attribute("selectedChannel", journey.code().channel())
                        .render(Screens.CHANNEL);
                case CODE -> {
                    Channel channel = Channel.fromId(journey.code().channel()).orElse(Channel.SMS);
                    yield screens.attribute("codeChannel", channel.id())
                            .attribute("codeDestination", ContactDetails.of(doctor).masked(channel))
                            .render(Screens.CODE);
                }
                case CREDENTIALS -> {
                    Map<String, Object> credentials = new HashMap<>();
                    boolean byEmail = Channel.EMAIL.id().equals(journey.code().channel());
                    credentials.put("variant", byEmail ? "creation-email" : "creation-sms");
                    if (journey.emailFixed()) {
                        credentials.put("fixedEmail", ContactDetails.of(doctor).email());
                    }
                    yield screens.attribute("credentials", credentials).render(Screens.CREDENTIALS);
                }
                case DONE -> screens.render(Screens.DONE);
            };
        }
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
