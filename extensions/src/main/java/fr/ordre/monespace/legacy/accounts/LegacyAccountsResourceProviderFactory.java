package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.access.RealmEndpointFactory;

/** Registers the legacy import's endpoint; its id is the path segment after the realm. */
public final class LegacyAccountsResourceProviderFactory extends RealmEndpointFactory {

    public static final String ID = "monespace-legacy";

    public LegacyAccountsResourceProviderFactory() {
        super(ID, LegacyAccountsResourceProvider::new);
    }
}
