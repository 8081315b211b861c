package fr.ordre.monespace.mask;

/**
 * Masks contact details shown on screen (SPEC 0): the doctor recognises them, an onlooker
 * or an impostor who knows the RPPS does not learn them.
 */
public final class ContactMasking {

    private ContactMasking() {
    }

    /**
     * {@code +33612345678} → {@code +3361***78}: country code, first two national digits, ***, last two.
     * The country code is read from the E.164 prefixes the Ordre's doctors use (France and overseas).
     */
    public static String phone(String e164) {
        if (e164 == null || !e164.startsWith("+") || e164.length() < 8) {
            return "***";
        }
        int cc = countryCodeLength(e164);
        String national = e164.substring(1 + cc);
        int keep = Math.min(2, Math.max(0, national.length() - 4));
        return e164.substring(0, 1 + cc) + national.substring(0, keep) + "***"
                + national.substring(national.length() - 2);
    }

    /** {@code tutu1501@cn.medecin.fr} → {@code tu***01@cn.medecin.fr}; {@code a@x.fr} → {@code ***@x.fr}. */
    public static String email(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return "***";
        }
        String local = email.substring(0, at);
        String domain = email.substring(at);
        if (local.length() <= 1) {
            // Its first character would be all of it (and "@x.fr" has none to show).
            return "***" + domain;
        }
        if (local.length() <= 4) {
            // Too short to show four characters without revealing it all.
            return local.charAt(0) + "***" + domain;
        }
        return local.substring(0, 2) + "***" + local.substring(local.length() - 2) + domain;
    }

    private static final java.util.Set<String> TWO_DIGIT_CODES = java.util.Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
            "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
            "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    /** Length of the ITU country calling code: 1 (+1, +7), the two-digit list, else 3 (+262 Réunion…). */
    private static int countryCodeLength(String e164) {
        char first = e164.charAt(1);
        if (first == '1' || first == '7') {
            return 1;
        }
        return TWO_DIGIT_CODES.contains(e164.substring(1, 3)) ? 2 : 3;
    }
}
