package fr.ordre.monespace.legacy.renewal;

import fr.ordre.monespace.config.ContractActionFactory;

/** Factory of the renewal of a weak portal password, required action {@code monespace-password-renewal} (realm/). */
public final class PasswordRenewalActionFactory extends ContractActionFactory {

    public static final String ID = "monespace-password-renewal";

    public PasswordRenewalActionFactory() {
        super(ID, new PasswordRenewalAction(), "Renouvellement d'un mot de passe de l'ancien portail (MonEspace)");
    }
}
