package fr.ordre.monespace.legacy.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountBatchTest {

    private static final String RPPS = "10003000006";
    private static final String OTHER_RPPS = "10001000016";
    private static final String HASH = "$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf";

    private static List<String> problems(PortalAccount... accounts) {
        return new AccountBatch(Arrays.asList(accounts)).problems();
    }

    @Test
    void acceptsWellFormedAccountsOfEachScheme() {
        assertEquals(List.of(), problems(
                new PortalAccount(RPPS, "marie.durand@exemple.fr", HASH, "drupal7:12"),
                new PortalAccount(OTHER_RPPS, "j.dupont@exemple.fr",
                        "$2y$10$kHM/VXmCVsGXDGIVu9mD8eY/uEYI.Nva9sHgrLYuLzr0il28DDOGO", "drupal8:13")));
    }

    @Test
    void refusesAnEmptyOrOversizedBatch() {
        assertEquals(List.of("\"accounts\" is missing or empty"), new AccountBatch(null).problems());
        List<PortalAccount> many = new ArrayList<>(Collections.nCopies(AccountBatch.MAX_ACCOUNTS + 1,
                new PortalAccount(RPPS, "a@exemple.fr", HASH, "drupal7:1")));
        assertEquals(List.of("at most 1000 accounts per batch, got 1001"), new AccountBatch(many).problems());
    }

    @Test
    void namesEveryValueTheImportCouldNotHaveMeant() {
        assertEquals(List.of(
                "accounts[0]: rpps must be 11 digits with a valid Luhn key",
                "accounts[1]: origin must name the portal account in at most 255 characters",
                "accounts[2]: null"),
                problems(
                        new PortalAccount("10003000007", "a@exemple.fr", HASH, "drupal:1"),
                        new PortalAccount("10001000024", "c@exemple.fr", HASH, " "),
                        null));
    }

    @Test
    void leavesOddEmailsAndHashesToEachAccountsOutcome() {
        assertEquals(List.of(), problems(
                new PortalAccount(RPPS, "Marie.Durand@exemple.fr", HASH, "drupal:2"),
                new PortalAccount(OTHER_RPPS, "b@exemple.fr", HASH.substring(0, 54), "drupal:3")));
    }

    @Test
    void refusesTheSameDoctorOrEmailTwice() {
        assertEquals(List.of(
                "accounts[1]: rpps 10003000006 appears twice in the batch",
                "accounts[2]: the same email appears twice in the batch"),
                problems(
                        new PortalAccount(RPPS, "a@exemple.fr", HASH, "drupal7:1"),
                        new PortalAccount(RPPS, "b@exemple.fr", HASH, "drupal7:2"),
                        new PortalAccount(OTHER_RPPS, "A@exemple.fr", HASH, "drupal7:3")));
    }
}
