package fr.ordre.monespace.account;

import fr.ordre.monespace.limits.Attempt;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Quota;
import fr.ordre.monespace.limits.Quotas;
import java.util.List;
import java.util.function.Supplier;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Un compte est déjà associé à cette adresse mail", said within the doctor's quota of such answers
 * (the credentials screens and Paramètres together), so that choosing a login e-mail is not an
 * oracle of other doctors' addresses.
 */
public final class EmailTakenAnswers {

    public static final String TAKEN = "monespaceEmailTaken";
    /** Said instead of {@link #TAKEN} once the doctor's quota of such answers is used up. */
    public static final String WITHHELD = "monespaceEmailTakenThrottled";

    private final Quotas quotas;
    private final Limit limit;
    private final Supplier<String> withheldFor;

    /** @param withheldFor how long the answers are withheld, in words: the limit's window */
    public EmailTakenAnswers(Quotas quotas, Limit limit, Supplier<String> withheldFor) {
        this.quotas = quotas;
        this.limit = limit;
        this.withheldFor = withheldFor;
    }

    /**
     * What to say of a login e-mail that is taken: {@link #TAKEN} while a slot is left (each answer
     * takes one), then {@link #WITHHELD}. Once the quota is used up, nothing is said while
     * {@code otherErrors}: the form then reads exactly as with a free address, so wrong
     * confirmations cannot turn the refusal into an oracle either. Null: nothing to say.
     */
    public FormMessage answer(UserModel doctor, String field, boolean otherErrors) {
        Quota quota = quotas.of(limit, doctor.getId());
        if (otherErrors && quota.exhausted()) {
            return null;
        }
        Attempt answer = Attempt.claim(quota);
        if (answer.granted()) {
            answer.keep();
            return new FormMessage(field, TAKEN);
        }
        return otherErrors ? null : new FormMessage(field, WITHHELD, withheldFor.get());
    }

    /** Whether {@code errors} withheld a taken e-mail because the doctor's quota is used up. */
    public static boolean withheld(List<FormMessage> errors) {
        return errors.stream().anyMatch(e -> WITHHELD.equals(e.getMessage()));
    }

    /** Whether {@code errors} say the e-mail is taken. */
    public static boolean said(List<FormMessage> errors) {
        return errors.stream().anyMatch(e -> TAKEN.equals(e.getMessage()));
    }
}
