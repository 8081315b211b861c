package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.identity.Rpps;
import fr.ordre.monespace.legacy.hash.LegacyScheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of an import: portal accounts attached together, in one transaction.
 *
 * <p>The import checks every account before sending it, so a batch with a malformed value is a
 * client bug: it is refused whole (nothing written), every problem named.
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
            if (!LoginEmail.parse(account.email()).equals(Optional.ofNullable(account.email()))) {
                problems.add(where + ": email must be a login e-mail MonEspace accepts, lower-cased");
            } else if (!emailsSeen.add(account.email())) {
                problems.add(where + ": the same email appears twice in the batch");
            }
            if (LegacyScheme.ofHash(account.hash()).isEmpty()) {
                problems.add(where + ": hash is not a complete hash of a portal scheme");
            }
            if (account.origin() == null || account.origin().isBlank() || account.origin().length() > MAX_ORIGIN_LENGTH) {
                problems.add(where + ": origin must name the portal account in at most " + MAX_ORIGIN_LENGTH + " characters");
            }
        }
        return problems;
    }
}
