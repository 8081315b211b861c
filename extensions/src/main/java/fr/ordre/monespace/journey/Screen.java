package fr.ordre.monespace.journey;

/** The screens of a creation or recovery journey, in order; "Retour" moves one screen back. */
public enum Screen {
    /** 2.1 / 3.1: birth date, RPPS, CGU. */
    IDENTITY("monespace-identity.ftl"),
    /** 2.2 / 3.2: choice of the channel for the code. */
    CHANNEL("monespace-channel.ftl"),
    /** 2.3 / 3.3: code entry. */
    CODE("monespace-code.ftl"),
    /** 2.4 / 3.4: login e-mail and password. */
    CREDENTIALS("monespace-credentials.ftl"),
    /** 2.5: success page. */
    DONE("monespace-done.ftl");

    private final String template;

    Screen(String template) {
        this.template = template;
    }

    /** The login theme's template (themes/monespace/login). */
    public String template() {
        return template;
    }

    public Screen previous() {
        return this == IDENTITY ? IDENTITY : values()[ordinal() - 1];
    }
}
