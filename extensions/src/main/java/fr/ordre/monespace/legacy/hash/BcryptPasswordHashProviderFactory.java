package fr.ordre.monespace.legacy.hash;

/** Factory of {@link BcryptPasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class BcryptPasswordHashProviderFactory extends LegacyHashFactory {

    public BcryptPasswordHashProviderFactory() {
        super(new BcryptPasswordHashProvider());
    }
}
