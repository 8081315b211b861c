package fr.ordre.monespace.identity;

import static fr.ordre.monespace.PropertyCheck.WHITESPACE;
import static fr.ordre.monespace.PropertyCheck.anyChar;
import static fr.ordre.monespace.PropertyCheck.charOf;
import static fr.ordre.monespace.PropertyCheck.forAll;
import static fr.ordre.monespace.PropertyCheck.forAllStrings;
import static fr.ordre.monespace.PropertyCheck.ints;
import static fr.ordre.monespace.PropertyCheck.longs;
import static fr.ordre.monespace.PropertyCheck.oneOf;
import static fr.ordre.monespace.PropertyCheck.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.PropertyCheck;
import fr.ordre.monespace.PropertyCheck.Gen;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BirthDatePropertiesTest {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private static Gen<LocalDate> dates(LocalDate from, LocalDate to) {
        return longs(from.toEpochDay(), to.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    /** "Today" moves too, so the upper bound is tested wherever it falls. */
    private static final Gen<LocalDate> TODAYS = dates(LocalDate.of(1950, 1, 1), LocalDate.of(2150, 12, 31));

    private static final Gen<String> AROUND = text(charOf(WHITESPACE), 0, 2);

    /** As people type it: JJ/MM/AAAA, or 1/2/1980 without the leading zeros. */
    private static String typed(Random random, int day, int month, int year) {
        String d = random.nextBoolean() ? String.format("%02d", day) : Integer.toString(day);
        String m = random.nextBoolean() ? String.format("%02d", month) : Integer.toString(month);
        return AROUND.next(random) + d + "/" + m + "/" + String.format("%04d", year) + AROUND.next(random);
    }

    record Typed(String text, LocalDate today) {
    }

    record RealDate(String text, LocalDate date, LocalDate today) {
    }

    @Test
    void anyRealDateFrom1900ToYesterdayParsesBackToItself() {
        forAll(random -> {
            LocalDate today = TODAYS.next(random);
            LocalDate date = dates(EARLIEST, today.minusDays(1)).next(random);
            return new RealDate(typed(random, date.getDayOfMonth(), date.getMonthValue(), date.getYear()), date, today);
        }, c -> assertEquals(Optional.of(c.date()), BirthDate.parse(c.text(), c.today()), PropertyCheck.show(c.text())));
    }

    @Test
    void impossibleDatesAreRefused() {
        forAll(random -> {
            int year = ints(1900, 2099).next(random);
            int month = ints(1, 12).next(random);
            int length = YearMonth.of(year, month).lengthOfMonth();
            String text = oneOf(
                    // 31/02, 29/02 of a common year, 31/04…, and days no month has
                    r -> typed(r, ints(length + 1, 99).next(r), month, year),
                    r -> typed(r, 0, month, year),
                    r -> typed(r, ints(1, 28).next(r), oneOf(ints(0, 0), ints(13, 99)).next(r), year)).next(random);
            // Far enough ahead that only the calendar can refuse them.
            return new Typed(text, LocalDate.of(2200, 1, 1));
        }, c -> assertTrue(BirthDate.parse(c.text(), c.today()).isEmpty(), c.text()));
    }

    @Test
    void todayFutureDatesAndDatesBefore1900AreRefused() {
        forAll(random -> {
            LocalDate today = TODAYS.next(random);
            LocalDate date = oneOf(dates(today, LocalDate.of(9999, 12, 31)),
                    dates(LocalDate.of(1, 1, 1), EARLIEST.minusDays(1))).next(random);
            return new Typed(typed(random, date.getDayOfMonth(), date.getMonthValue(), date.getYear()), today);
        }, c -> assertTrue(BirthDate.parse(c.text(), c.today()).isEmpty(), c.text() + " today " + c.today()));
    }

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    /** Near-misses of the format as much as arbitrary text: the parser must refuse, never throw. */
    private static final Gen<String> ANY_INPUT = oneOf(
            text(oneOf(charOf("0123456789/"), charOf("0123456789/ +-"), anyChar()), 0, 14),
            random -> ints(0, 39).next(random) + "/" + ints(0, 19).next(random) + "/"
                    + oneOf(ints(0, 99999), ints(1850, 2050)).next(random),
            random -> typed(random, ints(1, 31).next(random), ints(1, 12).next(random), ints(1850, 2050).next(random)),
            random -> {
                // A real-looking date with one separator replaced by any character.
                String t = typed(random, ints(1, 31).next(random), ints(1, 12).next(random), ints(1850, 2050).next(random));
                int slash = t.indexOf('/', random.nextBoolean() ? 0 : t.indexOf('/') + 1);
                return t.substring(0, slash) + anyChar().next(random) + t.substring(slash + 1);
            });

    @Test
    void anyInputNeverThrowsAndOnlyYieldsARealPastDateItSpells() {
        forAllStrings(ANY_INPUT, text -> BirthDate.parse(text, TODAY).ifPresent(date -> {
            assertTrue(!date.isBefore(EARLIEST) && date.isBefore(TODAY), date.toString());
            String[] parts = text.strip().split("/");
            assertEquals(3, parts.length);
            assertEquals(date.getDayOfMonth(), Integer.parseInt(parts[0]));
            assertEquals(date.getMonthValue(), Integer.parseInt(parts[1]));
            assertEquals(date.getYear(), Integer.parseInt(parts[2]));
        }));
    }
}
