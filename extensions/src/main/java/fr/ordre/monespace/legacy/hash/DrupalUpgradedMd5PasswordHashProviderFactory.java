package fr.ordre.monespace.legacy.hash;

/** Factory of {@link DrupalUpgradedMd5PasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class DrupalUpgradedMd5PasswordHashProviderFactory extends LegacyHashFactory {

    public DrupalUpgradedMd5PasswordHashProviderFactory() {
        super(new DrupalUpgradedMd5PasswordHashProvider());
    }
}
