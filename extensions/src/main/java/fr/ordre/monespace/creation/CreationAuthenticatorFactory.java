package fr.ordre.monespace.creation;

import fr.ordre.monespace.flow.ContractAuthenticatorFactory;

/** Factory of the "Créer votre espace" journey; its limits come from its config (realm/contract.yaml). */
public final class CreationAuthenticatorFactory extends ContractAuthenticatorFactory {

    public static final String ID = "monespace-creation";

    public CreationAuthenticatorFactory() {
        super(ID, new CreationAuthenticator(), "MonEspace: Créer votre espace", ID,
                "Account creation for doctors synced from Ordinal: identity match, one-time code, login e-mail and password.");
    }
}
