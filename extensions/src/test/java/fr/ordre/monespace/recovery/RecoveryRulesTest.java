package fr.ordre.monespace.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.fakes.FakeDoctor;
import fr.ordre.monespace.identity.IdentityMatch;
import fr.ordre.monespace.journey.Blocking;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC 3.1–3.4's decisions: an espace is needed, and a mobile; the login e-mail must change. */
class RecoveryRulesTest {

    private final RecoveryRules rules = new RecoveryRules();
    private final FakeDoctor doctor = new FakeDoctor("10001000057");

    @Test
    void noEspaceYetLeadsToTheCreation() {
        Blocking blocking = rules.afterMatch(new IdentityMatch(doctor.model, false), new ContactDetails("+33612345678", null));
        assertEquals("monespaceNoEspaceYet", blocking.messageKey());
        assertEquals("creation", blocking.linkTarget());
        assertEquals(EventError.BLOCKED_NO_ESPACE_YET, blocking.event());
    }

    @Test
    void theCodeGoesBySmsOnly() {
        assertEquals(List.of(Channel.SMS), rules.channels());
        Blocking noMobile = rules.afterMatch(new IdentityMatch(doctor.model, true), new ContactDetails(null, "c@exemple.fr"));
        assertEquals(EventError.BLOCKED_NO_MOBILE, noMobile.event());
        assertNull(rules.afterMatch(new IdentityMatch(doctor.model, true), new ContactDetails("+33612345678", null)));
    }

    @Test
    void theCurrentLoginEmailIsRefused() {
        assertTrue(rules.mustChangeEmail());
        assertEquals(false, rules.loginEmailProvenBy(Channel.SMS));
    }
}
