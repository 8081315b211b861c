package fr.ordre.monespace.limits;

import java.util.function.LongSupplier;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The quotas of one realm, in the single-use store every node of the cluster shares. */
public final class Quotas {

    private final SlotStore store;
    private final SubjectKeys keys;
    private final LongSupplier clock;

    public Quotas(KeycloakSession session, RealmModel realm) {
        this(new SingleUseSlotStore(session.singleUseObjects()), SubjectKeys.of(session, realm), Time::currentTimeSeconds);
    }

    /** Quotas in {@code store}, keyed without a realm secret (plain SHA-256): unit tests of the flows. */
    public Quotas(SlotStore store, String realmId) {
        this(store, new SubjectKeys(realmId, null), Time::currentTimeSeconds);
    }

    Quotas(SlotStore store, SubjectKeys keys, LongSupplier clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** {@code limit} for {@code subject}: an RPPS, a user id, a typed e-mail (lower-cased by the caller). */
    public Quota of(Limit limit, String subject) {
        return new Quota(store, limit, keys.key(limit.name(), subject), clock);
    }

    /** {@code limit} for a client address, IPv6 keyed by its /64 ({@link ClientAddress}). */
    public Quota ofAddress(Limit limit, String remoteAddress) {
        return of(limit, ClientAddress.subject(remoteAddress));
    }
}
