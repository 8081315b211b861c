package fr.ordre.monespace.journey;

import fr.ordre.monespace.code.CodeChallenge;
import fr.ordre.monespace.code.CodeLimits;
import fr.ordre.monespace.code.SendDecision;
import fr.ordre.monespace.code.Verification;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.limits.Attempt;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limits;
import fr.ordre.monespace.limits.Quota;
import fr.ordre.monespace.limits.Quotas;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

/**
 * Screens 2.2–2.3 / 3.2–3.3: sends a journey's one-time codes and checks the typed ones. The
 * flow's own cooldown and cap come first (they know the exact wait); then the doctor's limits,
 * which hold across flows, browsers and "Retour" (cooldown, sends per window, wrong codes) and the
 * client address's, each taken atomically in the store the nodes share before the SMS goes or
 * the code is compared.
 */
public final class OneTimeCodes {

    private static final Logger LOG = Logger.getLogger(OneTimeCodes.class);

    /** Hands a code to the SMS gateway or the SMTP server ({@link fr.ordre.monespace.delivery.CodeDelivery}). */
    public interface Sender {
        void send(Channel channel, UserModel doctor, String destination, String code, int ttlSeconds)
                throws DeliveryException;
    }

    /** What a send attempt did; {@code waitSeconds} is set for TOO_EARLY. */
    public record SendResult(Kind kind, long waitSeconds) {

        public enum Kind { SENT, TOO_EARLY, CAP_REACHED, THROTTLED, WRONG_CODES_LOCKED, FAILED }
    }

    /** A typed code: its verification, or null when the doctor's wrong codes are used up. */
    public record Entry(Verification verification) {

        public boolean throttled() {
            return verification == null;
        }
    }

    private final Quotas quotas;
    private final Limits limits;
    private final CodeLimits codeLimits;
    private final Sender sender;

    public OneTimeCodes(Quotas quotas, Limits limits, CodeLimits codeLimits, Sender sender) {
        this.quotas = quotas;
        this.limits = limits;
        this.codeLimits = codeLimits;
        this.sender = sender;
    }

    public SendResult send(Journey journey, UserModel doctor, Channel channel, String clientAddress) {
        long now = Time.currentTimeSeconds();
        CodeChallenge state = journey.code();
        SendDecision decision = state.canSend(codeLimits, now);
        if (decision.kind() == SendDecision.Kind.TOO_EARLY) {
            return new SendResult(SendResult.Kind.TOO_EARLY, decision.waitSeconds());
        }
        if (decision.kind() == SendDecision.Kind.CAP_REACHED) {
            return new SendResult(SendResult.Kind.CAP_REACHED, 0);
        }
        if (quotas.of(limits.wrongCodesPerDoctor(), doctor.getId()).exhausted()) {
            // No code the doctor could not type anyway: the SMS would only cost.
            return new SendResult(SendResult.Kind.WRONG_CODES_LOCKED, 0);
        }
        Limit cooldownLimit = limits.codeCooldown();
        Quota cooldown = cooldownLimit == null ? null : quotas.of(cooldownLimit, doctor.getId());
        List<Quota> needed = new ArrayList<>();
        if (cooldown != null) {
            needed.add(cooldown);
        }
        needed.add(quotas.of(limits.codeSendsPerDoctor(), doctor.getId()));
        needed.add(quotas.ofAddress(limits.codeSendsPerAddress(), clientAddress));
        Attempt attempt = Attempt.claim(needed.toArray(Quota[]::new));
        if (!attempt.granted()) {
            Limit by = attempt.refusedBy();
            if (by.equals(cooldownLimit)) {
                return new SendResult(SendResult.Kind.TOO_EARLY, cooldown.secondsLeft(now));
            }
            return new SendResult(by.equals(limits.codeSendsPerDoctor())
                    ? SendResult.Kind.CAP_REACHED : SendResult.Kind.THROTTLED, 0);
        }
        String destination = ContactDetails.of(doctor).destination(channel);
        if (destination == null) {
            attempt.refund();
            return new SendResult(SendResult.Kind.FAILED, 0);
        }
        String code = CodeChallenge.newCode();
        try {
            sender.send(channel, doctor, destination, code, codeLimits.ttlSeconds());
        } catch (DeliveryException e) {
            // Not counted as sent: the doctor may try again at once.
            attempt.refund();
            LOG.warnf("one-time code not delivered by %s for RPPS %s: %s", channel.id(), doctor.getUsername(),
                    e.getMessage());
            return new SendResult(SendResult.Kind.FAILED, 0);
        }
        attempt.keep();
        if (cooldown != null) {
            cooldown.noteTime(now);
        }
        journey.storeCode(state.sent(code, channel.id(), codeLimits, now));
        return new SendResult(SendResult.Kind.SENT, 0);
    }

    /** Checks a typed code, once a slot of the doctor's wrong codes is held; only a wrong guess keeps it. */
    public Entry verify(Journey journey, UserModel doctor, String typed) {
        Attempt attempt = Attempt.claim(quotas.of(limits.wrongCodesPerDoctor(), doctor.getId()));
        if (!attempt.granted()) {
            return new Entry(null);
        }
        Verification verification = journey.code().verify(typed, codeLimits, Time.currentTimeSeconds());
        journey.storeCode(verification.next());
        if (verification.wrongGuess()) {
            attempt.keep();
        } else {
            attempt.refund();
        }
        return new Entry(verification);
    }
}
