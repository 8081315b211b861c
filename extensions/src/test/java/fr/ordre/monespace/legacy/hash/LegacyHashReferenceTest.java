package fr.ordre.monespace.legacy.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.legacy.hash.PhpReference.Check;
import fr.ordre.monespace.legacy.hash.PhpReference.HashRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Each portal scheme against hashes PHP made the way the portal makes them, and against published
 * test vectors: our providers must decide exactly what PHP decides, for the right password, wrong
 * ones, and damaged hashes.
 */
class LegacyHashReferenceTest {

    private static final Map<LegacyScheme, PasswordHashProvider> PROVIDERS = Map.of(
            LegacyScheme.DRUPAL_SHA512, new DrupalSha512PasswordHashProvider(),
            LegacyScheme.DRUPAL_UPGRADED_MD5, new DrupalUpgradedMd5PasswordHashProvider(),
            LegacyScheme.PHPASS_MD5, new PhpassMd5PasswordHashProvider(),
            LegacyScheme.BCRYPT, new BcryptPasswordHashProvider());

    private static final List<String> PASSWORDS = List.of(
            "Cabinet-Durand-2026!",
            "motdepasse",
            "Médecin-Généraliste ç à ï ô",
            "Ärztin ß Ωmega 🔑 clé",
            " espaces autour ",
            "",
            "a".repeat(512),
            "0123456789".repeat(8));

    /** PHP scheme code and strength (log2 of the rounds, or bcrypt cost); Drupal uses 15 (7.x) and 16 (8+). */
    private static final List<HashRequest> CHEAP = List.of(
            new HashRequest("S", 7, ""), new HashRequest("U", 7, ""), new HashRequest("H", 8, ""),
            new HashRequest("P", 13, ""), new HashRequest("2y", 4, ""), new HashRequest("2a", 5, ""),
            new HashRequest("2b", 5, ""));
    private static final List<HashRequest> DRUPAL_COSTS = List.of(
            new HashRequest("S", 15, ""), new HashRequest("S", 16, ""), new HashRequest("U", 15, ""),
            new HashRequest("2y", 10, ""));

    /**
     * Published vectors, each also checked by PHP here (the expected passwords come from the pages
     * named): hashcat's example hashes (modes 7900 Drupal7, 400 phpass), jBCrypt's TestBCrypt (the
     * OpenBSD vectors) and Openwall crypt_blowfish's own tests.
     */
    private static final List<Check> PUBLISHED = List.of(
            new Check("$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf", "hashcat"),
            new Check("$P$984478476IagS59wHZvyQMArzfx58u.", "hashcat"),
            new Check("$H$984478476IagS59wHZvyQMArzfx58u.", "hashcat"),
            new Check("$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.", ""),
            new Check("$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe", "a"),
            new Check("$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i", "abc"),
            new Check("$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC", "abcdefghijklmnopqrstuvwxyz"),
            new Check("$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO", "~!@#$%^&*()      ~!@#$%^&*()PNBFRD"),
            new Check("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U"),
            new Check("$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
                    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored"));

    @Test
    void decidesExactlyWhatPhpDecidesForHashesPhpMade() {
        List<HashRequest> requests = new ArrayList<>();
        for (HashRequest scheme : CHEAP) {
            PASSWORDS.forEach(password -> requests.add(new HashRequest(scheme.scheme(), scheme.strength(), password)));
        }
        for (HashRequest scheme : DRUPAL_COSTS) {
            List.of(PASSWORDS.get(0), PASSWORDS.get(3))
                    .forEach(password -> requests.add(new HashRequest(scheme.scheme(), scheme.strength(), password)));
        }
        List<String> hashes = PhpReference.hashes(requests);
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            for (String candidate : candidates(requests.get(i).password())) {
                checks.add(new Check(hashes.get(i), candidate));
            }
        }
        List<Boolean> php = PhpReference.verdicts(checks);
        int accepted = 0;
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            assertEquals(php.get(i), verify(check.hash(), check.password()),
                    () -> "PHP and MonEspace disagree on " + check.hash() + " for a password of "
                            + check.password().length() + " characters");
            accepted += php.get(i) ? 1 : 0;
        }
        // Every hash accepts its own password, and bcrypt also any password sharing its first 72 bytes.
        assertTrue(accepted >= requests.size(), "PHP accepted " + accepted + " of " + requests.size() + " own passwords");
    }

    @Test
    void verifiesPublishedTestVectorsThatPhpConfirms() {
        // A character in front: bcrypt ignores what follows the 72nd byte, so one at the end may not change anything.
        List<Check> wrong = PUBLISHED.stream().map(c -> new Check(c.hash(), "!" + c.password())).toList();
        assertEquals(PUBLISHED.stream().map(c -> true).toList(), PhpReference.verdicts(PUBLISHED));
        assertEquals(wrong.stream().map(c -> false).toList(), PhpReference.verdicts(wrong));
        for (Check vector : PUBLISHED) {
            assertTrue(verify(vector.hash(), vector.password()), vector.hash());
            assertFalse(verify(vector.hash(), "!" + vector.password()), vector.hash());
        }
    }

    @Test
    void damagedHashesAndUnknownSchemesNeverMatchAndNeverThrow() {
        String sha512 = PUBLISHED.get(0).hash();
        String md5 = PUBLISHED.get(1).hash();
        String bcrypt = PUBLISHED.get(4).hash();
        List<Check> damaged = List.of(
                new Check(sha512.substring(0, sha512.length() - 1), "hashcat"),
                new Check(sha512.substring(0, 12), "hashcat"),
                new Check(sha512 + "A", "hashcat"),
                new Check(sha512.substring(0, 3) + "4" + sha512.substring(4), "hashcat"),  // 2^6 rounds: below phpass's 2^7
                new Check(sha512.substring(0, 20) + "!" + sha512.substring(21), "hashcat"),
                new Check(md5.substring(0, md5.length() - 2), "hashcat"),
                new Check(bcrypt.substring(0, bcrypt.length() - 1), "a"),
                new Check(bcrypt.replace("$06$", "$03$"), "a"),
                new Check("5f4dcc3b5aa765d61d8327deb882cf99", "password"),
                new Check("$X$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf", "hashcat"),
                new Check("$", "x"));
        assertEquals(damaged.stream().map(c -> false).toList(), PhpReference.verdicts(damaged));
        // PHP's crypt() still knows the "$2x$" of buggy old bcrypt; Drupal never wrote it, so it is no portal hash.
        List<Check> unknown = new ArrayList<>(damaged);
        unknown.add(new Check(bcrypt.replace("$2a$", "$2x$"), "a"));
        for (Check check : unknown) {
            for (PasswordHashProvider provider : PROVIDERS.values()) {
                assertFalse(provider.verify(check.password(), credential(check.hash())), check.hash());
            }
            assertEquals(Optional.empty(), LegacyScheme.ofHash(check.hash()), check.hash());
        }
        for (PasswordHashProvider provider : PROVIDERS.values()) {
            assertFalse(provider.verify("hashcat", credential("")));
            assertFalse(provider.verify(null, credential(sha512)));
            assertFalse(provider.verify("hashcat", PasswordCredentialModel.createFromValues("drupal-sha512", null, 0, null)));
        }
    }

    @Test
    void recognisesTheSchemeOfEachCompleteHash() {
        assertEquals(Optional.of(LegacyScheme.DRUPAL_SHA512), LegacyScheme.ofHash(PUBLISHED.get(0).hash()));
        assertEquals(Optional.of(LegacyScheme.PHPASS_MD5), LegacyScheme.ofHash(PUBLISHED.get(1).hash()));
        assertEquals(Optional.of(LegacyScheme.PHPASS_MD5), LegacyScheme.ofHash(PUBLISHED.get(2).hash()));
        assertEquals(Optional.of(LegacyScheme.DRUPAL_UPGRADED_MD5), LegacyScheme.ofHash("U" + PUBLISHED.get(0).hash()));
        assertEquals(Optional.of(LegacyScheme.BCRYPT), LegacyScheme.ofHash(PUBLISHED.get(3).hash()));
        assertEquals("2^15", LegacyScheme.DRUPAL_SHA512.strength("$S$D" + "x".repeat(51)));
        assertEquals("cost 6", LegacyScheme.BCRYPT.strength(PUBLISHED.get(3).hash()));
    }

    @Test
    void registersOneProviderPerSchemeUnderItsAlgorithm() {
        Set<String> registered = StreamSupport.stream(ServiceLoader.load(PasswordHashProviderFactory.class).spliterator(), false)
                .map(PasswordHashProviderFactory::getId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> schemes = Arrays.stream(LegacyScheme.values()).map(LegacyScheme::algorithm)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(registered.containsAll(schemes), registered.toString());
        schemes.forEach(algorithm -> assertTrue(LegacyScheme.isLegacy(algorithm)));
        assertFalse(LegacyScheme.isLegacy("argon2"));
    }

    @Test
    void legacyCredentialsNeverSatisfyAPolicyAndAreNeverProduced() {
        for (Map.Entry<LegacyScheme, PasswordHashProvider> entry : PROVIDERS.entrySet()) {
            PasswordHashProvider provider = entry.getValue();
            assertFalse(provider.policyCheck(PasswordPolicy.empty(), credential(PUBLISHED.get(0).hash())));
            assertThrows(UnsupportedOperationException.class, () -> provider.encodedCredential("x", 1));
        }
    }

    /** The password, and near misses: one more character, one fewer, another case, nothing. */
    private static List<String> candidates(String password) {
        List<String> candidates = new ArrayList<>(List.of(password, password + "x", ""));
        if (!password.isEmpty()) {
            candidates.add(password.substring(0, password.length() - 1));
            candidates.add(password.toUpperCase(Locale.ROOT));
        }
        return candidates;
    }

    private static boolean verify(String hash, String password) {
        LegacyScheme scheme = LegacyScheme.ofHash(hash).orElseThrow(() -> new AssertionError("not a portal hash: " + hash));
        return PROVIDERS.get(scheme).verify(password, credential(hash));
    }

    private static PasswordCredentialModel credential(String hash) {
        return PasswordCredentialModel.createFromValues("legacy", null, 0, hash);
    }
}
