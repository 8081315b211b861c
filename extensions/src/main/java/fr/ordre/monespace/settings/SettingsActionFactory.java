package fr.ordre.monespace.settings;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Factory of "Paramètres", required action {@code monespace-settings} (registered by realm/). */
public final class SettingsActionFactory implements RequiredActionFactory {

    public static final String ID = "monespace-settings";
    private static final SettingsAction SINGLETON = new SettingsAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Paramètres (MonEspace)";
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
