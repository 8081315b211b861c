package fr.ordre.monespace.support;

import java.util.Arrays;
import java.util.Optional;

/** What an agent may do to a doctor's espace through the support endpoint (never to Ordinal data). */
enum SupportAction {
    /** Only reads: recorded like the others, so every consultation of a doctor is traced. */
    SHOW("show"),
    UNLOCK("unlock"),
    RESET_LINK("reset-link"),
    LOGOUT("logout"),
    DISABLE("disable"),
    ENABLE("enable");

    private final String path;

    SupportAction(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    static Optional<SupportAction> of(String path) {
        return Arrays.stream(values()).filter(a -> a != SHOW && a.path.equals(path)).findFirst();
    }
}
