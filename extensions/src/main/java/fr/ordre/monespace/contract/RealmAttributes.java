package fr.ordre.monespace.contract;

/** Realm attributes realm.yaml sets and the extensions read (realm/contract.yaml {@code realm_attributes}). */
public final class RealmAttributes {

    /** The Ordre's contact page ("Assistance"), also linked from the change notices. */
    public static final String SUPPORT_URL = "monespaceSupportUrl";

    private RealmAttributes() {
    }
}
