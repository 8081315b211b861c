package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.identity.Rpps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The body of an import: portal accounts attached together, in one transaction.
 *
 * <p>A batch the import could not have meant (no accounts, too many, an RPPS it should have
 * refused, the same doctor or e-mail twice) is refused whole, every problem named, nothing
 * written. An e-mail or hash MonEspace does not accept is that account's outcome
 * ({@link ImportOutcome}), so one odd account never stops the others.
 */
public record AccountBatch(List<PortalAccount> accounts) {

    /** Bounds one transaction: the import sends 500. */
    static final int MAX_ACCOUNTS = 1000;
    static final int MAX_ORIGIN_LENGTH = 255;

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (accounts == null || accounts.isEmpty()) {
            problems.add("\"accounts\" is missing or empty");
            return problems;
        }
        if (accounts.size() > MAX_ACCOUNTS) {
            problems.add("at most " + MAX_ACCOUNTS + " accounts per batch, got " + accounts.size());
            return problems;
        }
        Set<String> rppsSeen = new HashSet<>();
        Set<String> emailsSeen = new HashSet<>();
        for (int index = 0; index < accounts.size(); index++) {
            PortalAccount account = accounts.get(index);
            String where = "accounts[" + index + "]";
            if (account == null) {
                problems.add(where + ": null");
                continue;
            }
            if (!Optional.ofNullable(account.rpps()).flatMap(Rpps::parse).equals(Optional.ofNullable(account.rpps()))) {
                problems.add(where + ": rpps must be 11 digits with a valid Luhn key");
            } else if (!rppsSeen.add(account.rpps())) {
                problems.add(where + ": rpps " + account.rpps() + " appears twice in the batch");
            }
            if (account.email() != null && !emailsSeen.add(account.email().toLowerCase(Locale.ROOT))) {
                problems.add(where + ": the same email appears twice in the batch");
            }
            if (account.origin() == null || account.origin().isBlank() || account.origin().length() > MAX_ORIGIN_LENGTH) {
                problems.add(where + ": origin must name the portal account in at most " + MAX_ORIGIN_LENGTH + " characters");
            }
        }
        return problems;
    }
}
