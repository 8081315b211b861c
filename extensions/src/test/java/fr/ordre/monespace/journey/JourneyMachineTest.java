package fr.ordre.monespace.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.creation.CreationRules;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.fakes.FakeDoctor;
import fr.ordre.monespace.fakes.FakeFlow;
import fr.ordre.monespace.fakes.FakeForm;
import fr.ordre.monespace.identity.IdentityMatch;
import fr.ordre.monespace.limits.MemorySlotStore;
import fr.ordre.monespace.limits.Quotas;
import fr.ordre.monespace.recovery.RecoveryRules;
import fr.ordre.monespace.fakes.ThemeTexts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The creation and recovery journeys screen by screen, with Keycloak's parts faked (fakes/): what
 * each post leads to, what the doctor reads, what is counted and reported. The live tests
 * (tests/integration) run the same journeys on a real Keycloak.
 */
class JourneyMachineTest {

    private static final String RPPS = "10001000016";
    private static final String BIRTH_DATE = "17/06/1980";

    private final FakeFlow flow = new FakeFlow();
    private final MemorySlotStore store = new MemorySlotStore();
    private final List<String> lookups = new ArrayList<>();
    private final List<String> codesSent = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private FakeDoctor doctor;
    private boolean gatewayDown;

    @BeforeEach
    void aDoctorSyncedFromOrdinal() {
        doctor = flow.add(new FakeDoctor(RPPS).mobile("+33612345678").correspondenceEmail("corr@exemple.fr"));
        doctor.attributes.put("birthDate", "1980-06-17");
    }

    private JourneyMachine machine(AuthenticationFlowContext context, JourneyRules rules) {
        JourneyMachine.Parts parts = new JourneyMachine.Parts(new Quotas(store, "realm-1"),
                (channel, to, destination, code, ttl) -> {
                    if (gatewayDown) {
                        throw new DeliveryException("503", null);
                    }
                    codesSent.add(channel.id() + " " + destination + " " + code + " " + ttl);
                },
                (rpps, birthDate) -> {
                    lookups.add(rpps);
                    boolean same = rpps.equals(doctor.rpps) && birthDate.equals(LocalDate.of(1980, 6, 17));
                    return same ? new IdentityMatch(doctor.model, doctor.password != null) : IdentityMatch.none();
                },
                () -> ThemeTexts.wording("fr"),
                new JourneyEvents((type, who, details, error) -> events.add(type + " " + details.get("monespace_step")
                        + (error == null ? "" : " " + error.label())), rules.name()));
        return new JourneyMachine(context, rules, parts);
    }

    private FakeForm post(JourneyRules rules, String... fields) {
        machine(flow.post(fields), rules).act();
        return flow.page();
    }

    private FakeForm toCodeScreen(JourneyRules rules) {
        machine(flow.enter(), rules).show();
        post(rules, "birthDate", BIRTH_DATE, "rpps", RPPS, "cgu", "on");
        return post(rules, "channel", "sms");
    }

    private String sentCode() {
        return codesSent.get(codesSent.size() - 1).split(" ")[2];
    }

    @Test
    void fieldErrorsComeBeforeAnyLookup() {
        machine(flow.enter(), new CreationRules()).show();
        FakeForm page = post(new CreationRules(), "birthDate", "31/02/1980", "rpps", "10001000017");
        assertEquals("monespace-identity.ftl", page.template);
        assertEquals("monespaceBirthDateInvalid", page.fieldErrors.get("birthDate").key());
        assertEquals("monespaceRppsInvalid", page.fieldErrors.get("rpps").key());
        assertEquals("monespaceCguRequired", page.fieldErrors.get("cgu").key());
        assertEquals(Map.of("birthDate", "31/02/1980", "rpps", "10001000017"), page.attributes.get("values"));
        assertEquals(List.of(), lookups);
    }

    @Test
    void failedIdentityChecksAreCountedThenRefusedSayingForHowLong() {
        CreationRules rules = new CreationRules();
        machine(flow.enter(), rules).show();
        for (int i = 0; i < 5; i++) {
            FakeForm page = post(rules, "birthDate", "01/01/1970", "rpps", RPPS, "cgu", "on");
            assertEquals("monespaceIdentityMismatch", blocking(page).get("messageKey"));
        }
        FakeForm locked = post(rules, "birthDate", BIRTH_DATE, "rpps", RPPS, "cgu", "on");
        assertEquals("monespaceIdentityThrottled", blocking(locked).get("messageKey"));
        assertEquals(List.of("15 minutes"), blocking(locked).get("args"), "identity_lockout_seconds' default, in words");
        assertEquals(5, lookups.size(), "the sixth check never reached the directory");
        assertEquals("REGISTER_ERROR identity identity_mismatch", events.get(0));
        assertEquals("REGISTER_ERROR identity identity_throttled", events.get(5));
    }

    @Test
    void aMatchWithAnEspaceAlreadyIsBlockedWithTheResetLink() {
        doctor.password = "Cabinet-Durand-2026!";
        machine(flow.enter(), new CreationRules()).show();
        FakeForm page = post(new CreationRules(), "birthDate", BIRTH_DATE, "rpps", RPPS, "cgu", "on");
        assertEquals("monespaceAccountExists", blocking(page).get("messageKey"));
        assertEquals("reset", blocking(page).get("linkTarget"));
        assertEquals(List.of("REGISTER_ERROR identity " + EventError.BLOCKED_ACCOUNT_EXISTS.label()), events);
        assertEquals(Screen.IDENTITY.name(), flow.notes.get("monespace.creation.step"));
    }

    @Test
    void theCodeGoesToTheMobileOnFileAndThePageSaysHowLongItLives() {
        flow.config.put("code_ttl_seconds", "90");
        FakeForm page = toCodeScreen(new CreationRules());
        assertEquals("monespace-code.ftl", page.template);
        assertEquals("sms +33612345678 " + sentCode() + " 90", codesSent.get(0));
        assertEquals("monespaceCodeSentSms [+3361***78, 1 minute et 30 secondes]", page.info.toString());
        assertEquals("+3361***78", page.attributes.get("codeDestination"));
        assertTrue(events.contains("CUSTOM_REQUIRED_ACTION code_sent"));
    }

    @Test
    void aNewCodeWithinTheCooldownIsRefusedWithTheWait() {
        CreationRules rules = new CreationRules();
        toCodeScreen(rules);
        FakeForm page = post(rules, "action", "resend");
        assertEquals("monespaceResendTooEarly", page.error.key());
        assertTrue(List.of(List.of("1 minute"), List.of("59 secondes")).contains(page.error.params()), page.error.toString());
        assertEquals(1, codesSent.size());
        assertTrue(events.contains("CUSTOM_REQUIRED_ACTION code_sent code_resend_too_early"));
    }

    @Test
    void aCodeTheGatewayRefusedIsNotCountedAgainstTheDoctor() {
        CreationRules rules = new CreationRules();
        machine(flow.enter(), rules).show();
        post(rules, "birthDate", BIRTH_DATE, "rpps", RPPS, "cgu", "on");
        gatewayDown = true;
        FakeForm failed = post(rules, "channel", "sms");
        assertEquals("monespaceSmsFailed", failed.error.key());
        assertEquals("monespace-channel.ftl", failed.template);
        gatewayDown = false;
        FakeForm sent = post(rules, "channel", "sms");
        assertEquals("monespace-code.ftl", sent.template, "no cooldown: the failed send held no slot");
        assertTrue(events.contains("CUSTOM_REQUIRED_ACTION code_sent sms_failed"));
    }

    @Test
    void codeEntries() {
        CreationRules rules = new CreationRules();
        toCodeScreen(rules);
        String right = sentCode();
        String wrong = right.equals("000000") ? "111111" : "000000";
        assertEquals("monespaceCodeFormat", post(rules, "code", "12 34").fieldErrors.get("code").key(),
                "a malformed entry is not a guess");
        FakeForm page = post(rules, "code", wrong);
        assertEquals("monespaceCodeInvalid [4]", page.fieldErrors.get("code").toString());
        page = post(rules, "code", " " + right.substring(0, 3) + " " + right.substring(3));
        assertEquals("monespace-credentials.ftl", page.template);
        assertEquals(Map.of("variant", "creation-sms"), page.attributes.get("credentials"));
        assertEquals(List.of("CUSTOM_REQUIRED_ACTION code_sent", "CUSTOM_REQUIRED_ACTION code invalid_code"), events);
    }

    @Test
    void theDoctorsWrongCodesAreCappedAcrossCodesSayingForHowLong() {
        CreationRules rules = new CreationRules();
        flow.config.put("code_max_wrong_per_doctor", "2");
        flow.config.put("code_wrong_window_seconds", "7200");
        toCodeScreen(rules);
        String wrong = sentCode().equals("000000") ? "111111" : "000000";
        post(rules, "code", wrong);
        post(rules, "code", wrong);
        FakeForm page = post(rules, "code", sentCode());
        assertEquals("monespaceCodeEntryThrottled [2 heures]", page.fieldErrors.get("code").toString(),
                "even the right code is not compared");
        assertTrue(events.contains("CUSTOM_REQUIRED_ACTION code wrong_codes_throttled"));
    }

    @Test
    void retourGoesOneScreenBackAndFromTheChannelsToABlankIdentity() {
        CreationRules rules = new CreationRules();
        toCodeScreen(rules);
        assertEquals("monespace-channel.ftl", post(rules, "action", "back").template);
        assertEquals("sms", flow.page().attributes.get("selectedChannel"));
        assertEquals("monespace-identity.ftl", post(rules, "action", "back").template);
        assertNull(flow.notes.get("monespace.creation.doctorId"), "nothing of the doctor is kept");
    }

    @Test
    void aDoctorDisabledMeanwhileStartsOver() {
        CreationRules rules = new CreationRules();
        toCodeScreen(rules);
        doctor.enabled = false;
        FakeForm page = post(rules, "code", sentCode());
        assertEquals("monespace-identity.ftl", page.template);
        assertEquals("monespaceJourneyRestart", page.error.key());
    }

    @Test
    void credentialsAreCheckedThenTheEspaceIsActivatedAndTheDoctorSignedIn() {
        CreationRules rules = new CreationRules();
        toCodeScreen(rules);
        post(rules, "code", sentCode());
        FakeForm page = post(rules, "email", "marie@exemple.fr", "emailConfirm", "marie@exemple.fr",
                "password", "court", "passwordConfirm", "court");
        assertEquals("invalidPasswordMinLengthMessage [12]", page.fieldErrors.get("password").toString());
        assertEquals(Map.of("email", "marie@exemple.fr", "emailConfirm", "marie@exemple.fr"), page.attributes.get("values"));
        page = post(rules, "email", "marie@exemple.fr", "emailConfirm", "marie@exemple.fr",
                "password", "Cabinet-Medical-2026!", "passwordConfirm", "Cabinet-Medical-2026!");
        assertEquals("monespace-done.ftl", page.template);
        assertEquals(List.of("marie@exemple.fr monespace-activated.ftl"), flow.mails, "the confirmation, first");
        assertEquals("marie@exemple.fr", doctor.email);
        assertEquals("Cabinet-Medical-2026!", doctor.password);
        assertTrue(events.contains("REGISTER activated"));
        assertFalse(flow.succeeded);
        assertNull(machine(flow.post(), rules).act(), "Retour à la connexion");
        assertTrue(flow.succeeded);
        assertEquals(doctor.model, flow.user);
    }

    @Test
    void anAddressTakenIsSaidWithinTheDoctorsQuotaThenWithheld() {
        flow.add(new FakeDoctor("10001000024")).email = "pris@exemple.fr";
        flow.config.put("email_taken_max_answers", "1");
        CreationRules rules = new CreationRules();
        toCodeScreen(rules);
        post(rules, "code", sentCode());
        String[] taken = {"email", "pris@exemple.fr", "emailConfirm", "pris@exemple.fr",
            "password", "Cabinet-Medical-2026!", "passwordConfirm", "Cabinet-Medical-2026!"};
        assertEquals("monespaceEmailTaken", post(rules, taken).fieldErrors.get("email").key());
        assertEquals("monespaceEmailTakenThrottled [1 heure]", post(rules, taken).fieldErrors.get("email").toString());
        assertTrue(events.contains("CUSTOM_REQUIRED_ACTION credentials email_taken_throttled"));
        assertEquals(null, doctor.email);
    }

    @Test
    void recoveryOffersTheMobileOnlyAndRefusesTheCurrentLoginEmail() {
        doctor.password = "Ancien-Mot-De-Passe-1!";
        doctor.email = "ancienne@exemple.fr";
        RecoveryRules rules = new RecoveryRules();
        machine(flow.enter(), rules).show();
        FakeForm page = post(rules, "birthDate", BIRTH_DATE, "rpps", RPPS, "cgu", "on");
        assertEquals(List.of(Map.of("id", "sms", "masked", "+3361***78")), page.attributes.get("channels"));
        assertEquals("monespaceChannelRequired", post(rules, "channel", "email").fieldErrors.get("channel").key(),
                "the e-mail channel is not offered");
        post(rules, "channel", "sms");
        post(rules, "code", sentCode());
        page = post(rules, "email", "ancienne@exemple.fr", "emailConfirm", "ancienne@exemple.fr",
                "password", "Nouveau-Cabinet-2027?", "passwordConfirm", "Nouveau-Cabinet-2027?");
        assertEquals("monespaceEmailTaken", page.fieldErrors.get("email").key());
        assertEquals(true, page.attributes.get("emailTaken"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> blocking(FakeForm page) {
        return (Map<String, Object>) page.attributes.get("blocking");
    }
}
