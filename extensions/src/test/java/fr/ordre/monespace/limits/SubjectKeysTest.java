package fr.ordre.monespace.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    private final SubjectKeys keys = new SubjectKeys("realm-1", "secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void oneSubjectOneKeyPerLimit() {
        assertEquals(keys.key("identity-rpps", "10001000016"), keys.key("identity-rpps", "10001000016"));
        assertNotEquals(keys.key("identity-rpps", "10001000016"), keys.key("identity-rpps-day", "10001000016"));
        assertNotEquals(keys.key("identity-rpps", "10001000016"), keys.key("identity-rpps", "10001000024"));
    }

    @Test
    void theDigestNeedsTheRealmKey() throws Exception {
        String key = keys.key("identity-rpps", "10001000016");
        assertFalse(key.contains("10001000016"));
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("identity-rpps\n10001000016".getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertFalse(key.endsWith(plain), "hashing every RPPS does not find it");
        assertNotEquals(key, new SubjectKeys("realm-1", "another".getBytes(StandardCharsets.UTF_8))
                .key("identity-rpps", "10001000016"));
        assertNotEquals(key, new SubjectKeys("realm-2", "secret".getBytes(StandardCharsets.UTF_8))
                .key("identity-rpps", "10001000016"), "realms count apart");
    }
}
