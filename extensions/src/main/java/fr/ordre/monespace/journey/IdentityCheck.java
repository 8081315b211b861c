package fr.ordre.monespace.journey;

import fr.ordre.monespace.identity.BirthDate;
import fr.ordre.monespace.identity.IdentityMatch;
import fr.ordre.monespace.identity.Rpps;
import fr.ordre.monespace.limits.Attempt;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limits;
import fr.ordre.monespace.limits.Quotas;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.utils.FormMessage;

/**
 * Screen 2.1 / 3.1: checks the typed fields, then the limits, then the directory. Field errors
 * come before any lookup; a lookup needs a slot of the RPPS's and of the address's quotas first,
 * so simultaneous requests never make more lookups than the limits allow. A match gives its slots
 * back: only failures count.
 */
public final class IdentityCheck {

    public static final String FIELD_BIRTH_DATE = "birthDate";
    public static final String FIELD_RPPS = "rpps";
    public static final String FIELD_CGU = "cgu";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int MAX_INPUT = 64;

    /** Finds the doctor behind (RPPS, birth date): {@link fr.ordre.monespace.identity.DoctorDirectory}. */
    public interface Directory {
        IdentityMatch match(String rpps, LocalDate birthDate);
    }

    /** What the identity screen leads to. */
    public sealed interface Outcome {
    }

    public record Invalid(List<FormMessage> errors) implements Outcome {
    }

    /** Refused by {@code by}, the first limit without room. */
    public record Throttled(String rpps, Limit by) implements Outcome {
    }

    public record NoMatch(String rpps) implements Outcome {
    }

    public record Matched(String rpps, IdentityMatch match) implements Outcome {
    }

    private final Quotas quotas;
    private final Limits limits;
    private final Directory directory;

    public IdentityCheck(Quotas quotas, Limits limits, Directory directory) {
        this.quotas = quotas;
        this.limits = limits;
        this.directory = directory;
    }

    public Outcome check(MultivaluedMap<String, String> form, String clientAddress) {
        List<FormMessage> errors = new ArrayList<>();
        Optional<LocalDate> birthDate = BirthDate.parse(bounded(form.getFirst(FIELD_BIRTH_DATE)), LocalDate.now(PARIS));
        if (birthDate.isEmpty()) {
            errors.add(new FormMessage(FIELD_BIRTH_DATE, "monespaceBirthDateInvalid"));
        }
        Optional<String> rpps = Rpps.parse(bounded(form.getFirst(FIELD_RPPS)));
        if (rpps.isEmpty()) {
            errors.add(new FormMessage(FIELD_RPPS, "monespaceRppsInvalid"));
        }
        if (!"on".equals(form.getFirst(FIELD_CGU))) {
            errors.add(new FormMessage(FIELD_CGU, "monespaceCguRequired"));
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        Attempt attempt = Attempt.claim(
                quotas.of(limits.identityPerRpps(), rpps.get()),
                quotas.of(limits.identityPerRppsDaily(), rpps.get()),
                quotas.ofAddress(limits.identityPerAddress(), clientAddress));
        if (!attempt.granted()) {
            return new Throttled(rpps.get(), attempt.refusedBy());
        }
        IdentityMatch match = directory.match(rpps.get(), birthDate.get());
        if (!match.matched()) {
            // Unknown RPPS, wrong birth date and inactive doctor are counted alike.
            attempt.keep();
            return new NoMatch(rpps.get());
        }
        attempt.refund();
        return new Matched(rpps.get(), match);
    }

    private static String bounded(String input) {
        return input == null || input.length() > MAX_INPUT ? null : input;
    }
}
