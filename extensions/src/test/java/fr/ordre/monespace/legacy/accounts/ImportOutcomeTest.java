package fr.ordre.monespace.legacy.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImportOutcomeTest {

    private static final String RPPS = "10003000006";
    private static final String HASH = "$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf";
    private static final PortalAccount ACCOUNT = new PortalAccount(RPPS, "marie@exemple.fr", HASH, "drupal7:12");

    private static EspaceState state(Espace espace, String email, String hash, String legacyAccount) {
        return new EspaceState(RPPS, "user-id", email, espace, hash, espace == Espace.NONE ? null : "cred-id", legacyAccount);
    }

    @Test
    void attachesTheAccountToADoctorWithoutAnEspace() {
        assertEquals(ImportOutcome.IMPORTED, ImportOutcome.decide(ACCOUNT, state(Espace.NONE, null, null, null), null));
        // An e-mail an administrator set before, and the doctor's own: still theirs to receive.
        assertEquals(ImportOutcome.IMPORTED, ImportOutcome.decide(ACCOUNT, state(Espace.NONE, "marie@exemple.fr", null, null), RPPS));
    }

    @Test
    void leavesAnEarlierImportAsItIsOrReplacesItWithTheNewerExport() {
        assertEquals(ImportOutcome.UNCHANGED,
                ImportOutcome.decide(ACCOUNT, state(Espace.LEGACY, "marie@exemple.fr", HASH, "drupal7:12"), RPPS));
        assertEquals(ImportOutcome.UPDATED,
                ImportOutcome.decide(ACCOUNT, state(Espace.LEGACY, "marie@exemple.fr", "$P$984478476IagS59wHZvyQMArzfx58u.", "drupal7:12"), RPPS));
        assertEquals(ImportOutcome.UPDATED,
                ImportOutcome.decide(ACCOUNT, state(Espace.LEGACY, "ancienne@exemple.fr", HASH, "drupal7:12"), null));
    }

    @Test
    void neverTouchesAnEspaceActiveInMonEspace() {
        assertEquals(ImportOutcome.ESPACE_ACTIVE, ImportOutcome.decide(ACCOUNT, state(Espace.ACTIVE, "x@exemple.fr", null, null), null));
        assertEquals(ImportOutcome.MIGRATED,
                ImportOutcome.decide(ACCOUNT, state(Espace.ACTIVE, "marie@exemple.fr", null, "drupal7:12"), RPPS));
    }

    @Test
    void refusesAnEmailOrHashMonEspaceDoesNotAcceptBeforeLookingAtTheDoctor() {
        EspaceState none = state(Espace.NONE, null, null, null);
        for (String email : new String[] {"Marie@exemple.fr", "mé@exemple.fr", "marie@", "@exemple.fr", null, "a@b@exemple.fr"}) {
            assertEquals(ImportOutcome.EMAIL_INVALID,
                    ImportOutcome.decide(new PortalAccount(RPPS, email, HASH, "drupal:1"), none, null), email);
        }
        for (String hash : new String[] {HASH.substring(0, 54), "5f4dcc3b5aa765d61d8327deb882cf99", "", null}) {
            assertEquals(ImportOutcome.HASH_UNKNOWN_SCHEME,
                    ImportOutcome.decide(new PortalAccount(RPPS, "marie@exemple.fr", hash, "drupal:1"), null, null));
        }
    }

    @Test
    void refusesAnEmailAnotherEspaceLogsInWithAndAnUnknownDoctor() {
        assertEquals(ImportOutcome.EMAIL_TAKEN, ImportOutcome.decide(ACCOUNT, state(Espace.NONE, null, null, null), "10001000016"));
        assertEquals(ImportOutcome.NO_DOCTOR, ImportOutcome.decide(ACCOUNT, null, null));
    }
}
