package fr.ordre.monespace.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.fakes.FakeDoctor;
import fr.ordre.monespace.identity.IdentityMatch;
import fr.ordre.monespace.journey.Blocking;
import org.junit.jupiter.api.Test;

/** SPEC 2.1's table once the identity matched, and what the code proves (2.4a / 2.4b). */
class CreationRulesTest {

    private final CreationRules rules = new CreationRules();
    private final FakeDoctor doctor = new FakeDoctor("10001000016");

    @Test
    void anEspaceAlreadyLeadsToThePasswordReset() {
        Blocking blocking = rules.afterMatch(new IdentityMatch(doctor.model, true), new ContactDetails("+33612345678", null));
        assertEquals("monespaceAccountExists", blocking.messageKey());
        assertEquals("reset", blocking.linkTarget());
        assertEquals(EventError.BLOCKED_ACCOUNT_EXISTS, blocking.event());
    }

    @Test
    void withoutAMobileOrAnEmailNoCodeCanGo() {
        Blocking blocking = rules.afterMatch(new IdentityMatch(doctor.model, false), new ContactDetails(null, null));
        assertEquals("monespaceNoContactDetails", blocking.messageKey());
        assertEquals(EventError.BLOCKED_NO_CONTACT_DETAILS, blocking.event());
        assertNull(rules.afterMatch(new IdentityMatch(doctor.model, false), new ContactDetails(null, "c@exemple.fr")));
    }

    @Test
    void aCodeByEmailProvesTheCorrespondenceAddress() {
        assertEquals(true, rules.loginEmailProvenBy(Channel.EMAIL));
        assertEquals(false, rules.loginEmailProvenBy(Channel.SMS));
        assertEquals("creation-email", rules.credentialsVariant(Channel.EMAIL));
        assertEquals("creation-sms", rules.credentialsVariant(Channel.SMS));
    }
}
