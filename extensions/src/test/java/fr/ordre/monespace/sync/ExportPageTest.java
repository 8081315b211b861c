package fr.ordre.monespace.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExportPageTest {

    private static ExportPage.ExportedDoctor doctor(String rpps) {
        return new ExportPage.ExportedDoctor(rpps, "hash", true, "inscrit");
    }

    @Test
    void limitDefaultsAndIsBounded() {
        assertEquals(ExportPage.DEFAULT_LIMIT, ExportPage.limit(null));
        assertEquals(ExportPage.DEFAULT_LIMIT, ExportPage.limit(0));
        assertEquals(ExportPage.DEFAULT_LIMIT, ExportPage.limit(-5));
        assertEquals(10, ExportPage.limit(10));
        assertEquals(ExportPage.MAX_LIMIT, ExportPage.limit(1_000_000));
    }

    @Test
    void aFullPageHasACursorOnItsLastRpps() {
        ExportPage page = ExportPage.of(List.of(doctor("10001000016"), doctor("10003000006")), 2);
        assertEquals("10003000006", page.next());
    }

    @Test
    void aShortOrEmptyPageIsTheLast() {
        assertNull(ExportPage.of(List.of(doctor("10001000016")), 2).next());
        assertNull(ExportPage.of(List.of(), 2).next());
    }
}
