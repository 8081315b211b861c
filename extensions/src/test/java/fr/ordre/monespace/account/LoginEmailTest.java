package fr.ordre.monespace.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginEmailTest {

    @Test
    void trimsAndLowerCases() {
        assertEquals(Optional.of("dr.martin@cabinet.fr"), LoginEmail.parse("  Dr.Martin@Cabinet.FR "));
    }

    @Test
    void refusesLookAlikesControlsAndInjections() {
        assertTrue(LoginEmail.parse("ⅰⅴ@exemple.fr").isEmpty(), "roman numeral letters");
        assertTrue(LoginEmail.parse("jéan@exemple.fr").isEmpty(), "non-ASCII local part");
        assertTrue(LoginEmail.parse("jean@exemple.fr\r\nBcc: x@exemple.fr").isEmpty(), "header injection");
        assertTrue(LoginEmail.parse("jean@ex\u0000emple.fr").isEmpty(), "control character");
        assertTrue(LoginEmail.parse("jean @exemple.fr").isEmpty(), "inner space");
        assertTrue(LoginEmail.parse("\"dr.martin@cabinet.fr\"@x.fr").isEmpty(), "an @ in a quoted local part");
    }

    @Test
    void refusesNonEmailsAndOverlongValues() {
        assertTrue(LoginEmail.parse("10001000016").isEmpty(), "an RPPS is not a login");
        assertTrue(LoginEmail.parse("").isEmpty());
        assertTrue(LoginEmail.parse(null).isEmpty());
        assertTrue(LoginEmail.parse("a".repeat(250) + "@x.fr").isEmpty());
    }
}
