package fr.ordre.monespace.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject a per-address limit counts for a client address: an IPv4 address as it is, an
 * IPv6 address by its /64. One subscriber line or host gets a whole /64 and picks any address
 * in it at will, so keying on the full address would give an attacker 2^64 fresh quotas.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Starts with a hex digit or ':' and holds a ':': Java parses it as an IPv6 literal, never looks it up. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ClientAddress() {
    }

    /** {@code ipv4:203.0.113.7}, {@code ipv6:20010db8000000a1::/64}, or the text itself when not an IP literal. */
    public static String subject(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        String text = remoteAddress.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        Matcher ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            return ipv4(ipv4);
        }
        if (!IPV6.matcher(text).matches()) {
            return "other:" + text;
        }
        try {
            // Never a DNS lookup: a text with ':' is an IPv6 literal or an error for getByName.
            InetAddress address = InetAddress.getByName(text);
            if (address instanceof Inet4Address) {
                // An IPv4-mapped IPv6 address (::ffff:203.0.113.7), which Java turns into IPv4.
                return "ipv4:" + address.getHostAddress();
            }
            if (address instanceof Inet6Address) {
                return "ipv6:" + HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
            }
        } catch (UnknownHostException e) {
            // Not a valid literal after all: counted under its text.
        }
        return "other:" + text;
    }

    private static String ipv4(Matcher octets) {
        StringBuilder address = new StringBuilder("ipv4:");
        for (int group = 1; group <= 4; group++) {
            int octet = Integer.parseInt(octets.group(group));
            if (octet > 255) {
                return "other:" + octets.group();
            }
            address.append(group > 1 ? "." : "").append(octet);
        }
        return address.toString();
    }
}
