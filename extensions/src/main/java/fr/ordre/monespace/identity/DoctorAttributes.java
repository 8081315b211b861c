package fr.ordre.monespace.identity;

/**
 * Names of the user attributes the Ordinal sync writes (declared in realm/ user profile).
 * The username of a doctor is their RPPS number.
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

    private DoctorAttributes() {
    }
}
