package fr.ordre.monespace.legacy.hash;

/** Factory of {@link DrupalSha512PasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class DrupalSha512PasswordHashProviderFactory extends LegacyHashFactory {

    public DrupalSha512PasswordHashProviderFactory() {
        super(new DrupalSha512PasswordHashProvider());
    }
}
