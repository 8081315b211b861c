package fr.ordre.monespace.identity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** A birth date typed as JJ/MM/AAAA: a real calendar date, in the past. */
public final class BirthDate {

    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private BirthDate() {
    }

    /** The date when the text is a real date between 1900 and yesterday; empty otherwise. */
    public static Optional<LocalDate> parse(String input, LocalDate today) {
        if (input == null) {
            return Optional.empty();
        }
        String text = input.strip();
        // Accept 1/2/1980 as people type it, by padding day and month.
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[2].length() != 4) {
            return Optional.empty();
        }
        String padded = pad(parts[0]) + "/" + pad(parts[1]) + "/" + parts[2];
        try {
            LocalDate date = LocalDate.parse(padded, TYPED);
            if (date.isBefore(EARLIEST) || !date.isBefore(today)) {
                return Optional.empty();
            }
            return Optional.of(date);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String pad(String part) {
        return part.length() == 1 ? "0" + part : part;
    }
}
