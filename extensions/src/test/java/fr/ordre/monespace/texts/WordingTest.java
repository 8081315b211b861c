package fr.ordre.monespace.texts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.ordre.monespace.fakes.ThemeTexts;
import org.junit.jupiter.api.Test;

/** Durations in the words of the login theme's own bundles (themes/monespace/login/messages). */
class WordingTest {

    private static Wording bundle(String language) {
        return ThemeTexts.wording(language);
    }

    @Test
    void frenchDurationsReadAsTheOrdreWritesThem() {
        Wording fr = bundle("fr");
        // The defaults: a code's 10 minutes, a reset link's 24 hours (SPEC 0 and 4.1), the limits' windows.
        assertEquals("10 minutes", fr.duration(600));
        assertEquals("24 heures", fr.duration(86_400));
        assertEquals("1 heure", fr.duration(3_600));
        assertEquals("15 minutes", fr.duration(900));
        assertEquals("1 minute", fr.duration(60));
        // The short limits of the test realms, and waits counted down.
        assertEquals("4 secondes", fr.duration(4));
        assertEquals("1 seconde", fr.duration(1));
        assertEquals("45 secondes", fr.duration(45));
        // Remainders in the next unit down.
        assertEquals("1 minute et 30 secondes", fr.duration(90));
        assertEquals("2 minutes et 5 secondes", fr.duration(125));
        assertEquals("1 heure et 30 minutes", fr.duration(5_400));
        assertEquals("25 heures", fr.duration(90_000));
        assertEquals("2 jours", fr.duration(172_800));
        assertEquals("3 jours et 12 heures", fr.duration(302_400));
    }

    @Test
    void aWaitIsNeverUnderstated() {
        Wording fr = bundle("fr");
        assertEquals("1 heure et 1 minute", fr.duration(3_601), "past an hour, seconds round up to a minute");
        assertEquals("2 heures", fr.duration(7_170));
        assertEquals("2 jours et 1 heure", fr.duration(172_801));
    }

    @Test
    void englishToo() {
        Wording en = bundle("en");
        assertEquals("10 minutes", en.duration(600));
        assertEquals("24 hours", en.duration(86_400));
        assertEquals("1 minute and 30 seconds", en.duration(90));
        assertEquals("1 second", en.duration(1));
    }

    @Test
    void theSmsSaysTheConfiguredValidity() {
        assertEquals("Ordre des médecins - MonEspace. Votre code de vérification : 012345. Il expire dans "
                + "4 secondes. Ne le communiquez à personne.",
                bundle("fr").format("monespaceSmsCodeText", "012345", bundle("fr").duration(4)));
    }

    @Test
    void aMissingMessageIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> bundle("fr").format("monespaceNoSuchKey"));
    }
}
