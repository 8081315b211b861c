package fr.ordre.monespace.contract;

/**
 * Names of the user attributes the Ordinal sync writes, and of those MonEspace keeps itself
 * ({@link #LOGIN_EMAIL_STAMP}, {@link #LEGACY_ACCOUNT}): realm/contract.yaml's
 * {@code doctor.attributes}, all declared in the user profile. The username of a doctor is their
 * RPPS number.
 */
public final class DoctorAttributes {

    public static final String RPPS = "rpps";
    /** ISO date, e.g. 1980-06-17. */
    public static final String BIRTH_DATE = "birthDate";
    /** E.164 mobile number on file at the Ordre; absent when the number on file is a landline. */
    public static final String MOBILE_PHONE = "mobilePhone";
    /** The correspondence e-mail on file at the Ordre, distinct from the login e-mail. */
    public static final String CORRESPONDENCE_EMAIL = "correspondenceEmail";
    public static final String ORDINAL_STATUS = "ordinalStatus";
    /** Any other valid number on file (E.164). */
    public static final String LANDLINE_PHONE = "landlinePhone";
    /** M, MME or MLLE. */
    public static final String CIVILITY = "civility";
    /** Department code of the conseil départemental (75, 2A, 974…). */
    public static final String COUNCIL = "council";
    public static final String BIRTH_LAST_NAME = "birthLastName";
    public static final String GIVEN_NAMES = "givenNames";
    /** Digest of the last synced record: the sync skips doctors whose digest did not change. */
    public static final String ORDINAL_HASH = "ordinalHash";
    /**
     * Random, renewed each time MonEspace sets the login e-mail: a reset link carries it, so a
     * change of login e-mail kills the link even if the address later comes back (A → B → A).
     */
    public static final String LOGIN_EMAIL_STAMP = "loginEmailStamp";
    /**
     * The old portal's account an espace was imported from, e.g. {@code drupal7:1234} (set by the
     * legacy import, never by the sync): tells a doctor who since signed in from one who activated
     * an espace in MonEspace.
     */
    public static final String LEGACY_ACCOUNT = "legacyAccount";

    private DoctorAttributes() {
    }
}
