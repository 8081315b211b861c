package fr.ordre.monespace.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.limits.Limit.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QuotaTest {

    private static final Limit FIVE_PER_15_MIN = new Limit("identity-rpps", Kind.IDENTITY, 5, 900, 900);
    private static final Limit TWENTY_PER_HOUR = new Limit("reset-address", Kind.RESET, 20, 3600);

    private final MemorySlotStore store = new MemorySlotStore();
    private final Quotas quotas = new Quotas(store, new SubjectKeys("realm-1", "realm secret".getBytes()), store.now::get);

    private int granted(Quota quota, int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            Attempt attempt = Attempt.claim(quota);
            if (attempt.granted()) {
                attempt.keep();
                granted++;
            }
        }
        return granted;
    }

    @Test
    void grantsAtMostTheLimitThenRefusesWithTheLimit() {
        Quota quota = quotas.of(TWENTY_PER_HOUR, "203.0.113.7");
        assertEquals(20, granted(quota, 25));
        Attempt refused = Attempt.claim(quota);
        assertFalse(refused.granted());
        assertEquals(TWENTY_PER_HOUR, refused.refusedBy());
        assertTrue(quota.exhausted());
    }

    @Test
    void aSlotFreesItselfAWindowAfterItWasTaken() {
        Limit threePerMinute = new Limit("code-sends-doctor", Kind.CODE, 3, 60);
        Quota quota = quotas.of(threePerMinute, "doctor-1");
        assertEquals(1, granted(quota, 1));
        store.advance(30);
        assertEquals(2, granted(quota, 5), "two more within the first minute");
        store.advance(31);
        assertEquals(1, granted(quota, 5), "a minute after the first, its slot alone is free again");
        store.advance(30);
        assertEquals(2, granted(quota, 5));
    }

    @Test
    void aRefundedEventDoesNotCount() {
        Quota quota = quotas.of(FIVE_PER_15_MIN, "10001000016");
        for (int i = 0; i < 50; i++) {
            Attempt match = Attempt.claim(quota);
            assertTrue(match.granted(), "successes never use the quota up");
            match.refund();
        }
        assertEquals(5, granted(quota, 10));
    }

    @Test
    void aLockingLimitLocksWhenFullThenCountsAfresh() {
        Limit threeThenLock = new Limit("identity-rpps", Kind.IDENTITY, 3, 60, 10);
        Quota quota = quotas.of(threeThenLock, "10001000016");
        assertEquals(3, granted(quota, 3));
        assertTrue(quota.exhausted());
        store.advance(5);
        assertFalse(Attempt.claim(quota).granted(), "locked, even though slots were emptied");
        store.advance(6);
        assertFalse(quota.exhausted(), "the lock ended well before the window");
        assertEquals(3, granted(quota, 5), "counting starts afresh");
    }

    @Test
    void simultaneousClaimsNeverExceedTheLimit() throws Exception {
        for (Limit limit : List.of(FIVE_PER_15_MIN, TWENTY_PER_HOUR, new Limit("code-cooldown", Kind.CODE, 1, 60))) {
            Quota quota = quotas.of(limit, "the same subject " + limit.name());
            assertEquals(limit.max(), race(64, () -> {
                Attempt attempt = Attempt.claim(quota);
                if (attempt.granted()) {
                    attempt.keep();
                }
                return attempt.granted();
            }), limit.name());
        }
    }

    @Test
    void anAttemptTakesEveryQuotaOrNone() {
        Limit oneAddress = new Limit("identity-address", Kind.IDENTITY, 1, 900);
        Quota address = quotas.of(oneAddress, "ipv4:203.0.113.7");
        Quota rpps = quotas.of(FIVE_PER_15_MIN, "10001000016");
        assertTrue(Attempt.claim(rpps, address).granted());
        Attempt refused = Attempt.claim(rpps, address);
        assertFalse(refused.granted());
        assertEquals(oneAddress, refused.refusedBy());
        assertEquals(4, granted(rpps, 10), "the refused attempt gave the RPPS slot back");
    }

    @Test
    void aLargeQuotaScansFromWhereItLeftOff() {
        Quota quota = quotas.of(TWENTY_PER_HOUR, "ipv4:203.0.113.7");
        granted(quota, 19);
        store.calls.set(0);
        assertEquals(1, granted(quota, 1));
        assertTrue(store.calls.get() <= 5, "the 20th slot is found at once: " + store.calls.get() + " calls");
        store.advance(3600);
        store.calls.set(0);
        assertEquals(1, granted(quota, 1), "the scan wraps round to the slots that freed up");
        assertTrue(store.calls.get() <= 5, store.calls.get() + " calls");
        granted(quota, 30);
        store.calls.set(0);
        assertFalse(Attempt.claim(quota).granted());
        assertTrue(store.calls.get() <= 3, "a quota just found full answers at once: " + store.calls.get());
    }

    @Test
    void theLastEventTellsHowLongToWait() {
        Limit cooldown = new Limit("code-cooldown", Kind.CODE, 1, 60);
        Quota quota = quotas.of(cooldown, "doctor-1");
        assertEquals(1, granted(quota, 1));
        quota.noteTime(store.now.get());
        store.advance(45);
        assertEquals(15, quota.secondsLeft(store.now.get()));
        assertFalse(Attempt.claim(quota).granted(), "still within the cooldown");
    }

    @Test
    void theStoreHoldsNoSubjectInClear() {
        Attempt.claim(quotas.of(FIVE_PER_15_MIN, "10001000016")).keep();
        Attempt.claim(quotas.of(TWENTY_PER_HOUR, "dr.martin@exemple.fr")).keep();
        for (String key : store.snapshot().keySet()) {
            assertFalse(key.contains("10001000016") || key.contains("martin"), key);
            assertTrue(key.startsWith("monespace-limit:realm-1:"), key);
        }
    }

    @Test
    void stateTellsSupportWhatIsHeldAndUntilWhen() {
        long start = store.now.get();
        Quota quota = quotas.of(FIVE_PER_15_MIN, "10001000016");
        assertFalse(quota.state().holds());
        granted(quota, 2);
        store.advance(100);
        granted(quota, 1);
        QuotaState partly = quota.state();
        assertEquals(3, partly.used());
        assertFalse(partly.refusing());
        assertEquals(start + 900, partly.firstFrees(), "the first slot frees a window after it was taken");
        assertEquals(start + 1000, partly.allFree());
        granted(quota, 2);
        QuotaState locked = quota.state();
        assertTrue(locked.locked() && locked.refusing());
        assertEquals(0, locked.used(), "the lock empties the slots");
        assertEquals(start + 100 + 900, locked.lockEnds());
        assertEquals(locked.lockEnds(), locked.refusesUntil());
    }

    @Test
    void liftFreesEverySlotAndEndsTheLock() {
        Quota quota = quotas.of(FIVE_PER_15_MIN, "10001000016");
        granted(quota, 5);
        assertTrue(quota.exhausted());
        quota.lift();
        assertFalse(quota.exhausted());
        assertFalse(quota.state().holds());
        assertEquals(5, granted(quota, 10), "counting starts afresh");
        Quota large = quotas.of(TWENTY_PER_HOUR, "ipv4:203.0.113.7");
        granted(large, 25);
        large.lift();
        assertEquals(20, granted(large, 25), "no stale 'full' note or hint is left behind");
    }

    private static int race(int threads, Callable<Boolean> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        int granted = 0;
        for (Future<Boolean> result : results) {
            granted += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        return granted;
    }
}
