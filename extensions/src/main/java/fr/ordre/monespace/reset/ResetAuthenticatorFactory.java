package fr.ordre.monespace.reset;

import fr.ordre.monespace.flow.ContractAuthenticatorFactory;

/** Factory of the reset-credentials authenticator (password reset and espace recovery). */
public final class ResetAuthenticatorFactory extends ContractAuthenticatorFactory {

    public static final String ID = "monespace-reset";

    public ResetAuthenticatorFactory() {
        super(ID, new ResetAuthenticator(), "MonEspace: Réinitialiser / Récupérer votre espace", ID,
                "Password reset by single-use e-mail link, and recovery of an espace whose login e-mail is forgotten.");
    }
}
