package fr.ordre.monespace.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContactMaskingTest {

    @Test
    void masksPhonesLikeTheSpec() {
        assertEquals("+3378***22", ContactMasking.phone("+33781234522"));
        assertEquals("+3361***78", ContactMasking.phone("+33612345678"));
    }

    @Test
    void masksOverseasMobilesAfterTheirThreeDigitCountryCode() {
        assertEquals("+26263***15", ContactMasking.phone("+262639671915"));
    }

    @Test
    void masksMalformedPhonesEntirely() {
        assertEquals("***", ContactMasking.phone(null));
        assertEquals("***", ContactMasking.phone("0612345678"));
    }

    @Test
    void masksEmailsLikeTheSpec() {
        assertEquals("tu***01@cn.medecin.fr", ContactMasking.email("tutu1501@cn.medecin.fr"));
        assertEquals("jo***in@cn.medecin.fr", ContactMasking.email("john.medecin@cn.medecin.fr"));
    }

    @Test
    void masksShortLocalPartsWithoutRevealingThem() {
        assertEquals("a***@x.fr", ContactMasking.email("abcd@x.fr"));
        assertEquals("***@x.fr", ContactMasking.email("a@x.fr"));
        assertEquals("***@x.fr", ContactMasking.email("@x.fr"));
        assertEquals("***", ContactMasking.email("not-an-email"));
    }
}
