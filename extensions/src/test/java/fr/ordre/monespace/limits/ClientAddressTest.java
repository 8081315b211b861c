package fr.ordre.monespace.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnSubject() {
        assertEquals("ipv4:203.0.113.7", ClientAddress.subject("203.0.113.7"));
        assertEquals("ipv4:203.0.113.7", ClientAddress.subject("203.0.113.007"));
        assertNotEquals(ClientAddress.subject("203.0.113.7"), ClientAddress.subject("203.0.113.8"));
    }

    @Test
    void ipv6AddressesOfOneSlash64AreOneSubject() {
        String subject = ClientAddress.subject("2001:db8:1:2::a");
        assertEquals("ipv6:20010db800010002::/64", subject);
        assertEquals(subject, ClientAddress.subject("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertEquals(subject, ClientAddress.subject("2001:0DB8:0001:0002:0000:0000:0000:000b"));
        assertEquals(subject, ClientAddress.subject("[2001:db8:1:2::c]"), "bracketed");
        assertEquals(subject, ClientAddress.subject("2001:db8:1:2::d%eth0"), "with a zone");
        assertNotEquals(subject, ClientAddress.subject("2001:db8:1:3::a"), "the next /64 is another subscriber");
        assertNotEquals(subject, ClientAddress.subject("2001:db9:1:2::a"));
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4One() {
        assertEquals("ipv4:203.0.113.7", ClientAddress.subject("::ffff:203.0.113.7"));
    }

    @Test
    void anythingElseIsCountedUnderItsTextWithoutAnyLookup() {
        assertEquals("other:999.1.1.1", ClientAddress.subject("999.1.1.1"));
        assertEquals("other:localhost", ClientAddress.subject("localhost"));
        assertEquals("other:2001:db8:::zz", ClientAddress.subject("2001:db8:::zz"));
        assertEquals("other:1:2:3:4:5:6:7:8:9", ClientAddress.subject("1:2:3:4:5:6:7:8:9"));
        assertEquals("unknown", ClientAddress.subject(null));
        assertEquals("unknown", ClientAddress.subject(" "));
    }
}
