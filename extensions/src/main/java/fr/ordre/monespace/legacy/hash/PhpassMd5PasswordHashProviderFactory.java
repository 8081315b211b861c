package fr.ordre.monespace.legacy.hash;

/** Factory of {@link PhpassMd5PasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class PhpassMd5PasswordHashProviderFactory extends LegacyHashFactory {

    public PhpassMd5PasswordHashProviderFactory() {
        super(new PhpassMd5PasswordHashProvider());
    }
}
