package fr.ordre.monespace.journey;

/** Screens of a creation or recovery journey, in order; "Retour" moves one step back. */
public enum Step {
    /** 2.1 / 3.1: birth date, RPPS, CGU. */
    IDENTITY,
    /** 2.2 / 3.2: choice of the channel for the code. */
    CHANNEL,
    /** 2.3 / 3.3: code entry. */
    CODE,
    /** 2.4 / 3.4: login e-mail and password. */
    CREDENTIALS,
    /** 2.5: success page. */
    DONE;

    public Step previous() {
        return this == IDENTITY ? IDENTITY : values()[ordinal() - 1];
    }
}
