package fr.ordre.monespace.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BirthDateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void parsesTheTypedFormat() {
        assertEquals(Optional.of(LocalDate.of(1980, 6, 17)), BirthDate.parse("17/06/1980", TODAY));
        assertEquals(Optional.of(LocalDate.of(1980, 6, 7)), BirthDate.parse(" 7/6/1980 ", TODAY));
    }

    @Test
    void refusesImpossibleDates() {
        assertTrue(BirthDate.parse("31/02/1980", TODAY).isEmpty());
        assertTrue(BirthDate.parse("29/02/1981", TODAY).isEmpty());
        assertTrue(BirthDate.parse("00/01/1980", TODAY).isEmpty());
        assertTrue(BirthDate.parse("12/13/1980", TODAY).isEmpty());
    }

    @Test
    void acceptsLeapDay() {
        assertEquals(Optional.of(LocalDate.of(1980, 2, 29)), BirthDate.parse("29/02/1980", TODAY));
    }

    @Test
    void refusesFutureTodayAndImplausiblyOldDates() {
        assertTrue(BirthDate.parse("30/11/2026", TODAY).isEmpty());
        assertTrue(BirthDate.parse("29/11/2026", TODAY).isEmpty());
        assertTrue(BirthDate.parse("31/12/1899", TODAY).isEmpty());
    }

    @Test
    void refusesOtherFormats() {
        assertTrue(BirthDate.parse("1980-06-17", TODAY).isEmpty());
        assertTrue(BirthDate.parse("17/06/80", TODAY).isEmpty());
        assertTrue(BirthDate.parse("17.06.1980", TODAY).isEmpty());
        assertTrue(BirthDate.parse("hier", TODAY).isEmpty());
        assertTrue(BirthDate.parse("", TODAY).isEmpty());
        assertTrue(BirthDate.parse(null, TODAY).isEmpty());
    }
}
