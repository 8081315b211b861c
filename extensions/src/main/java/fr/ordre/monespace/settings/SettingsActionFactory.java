package fr.ordre.monespace.settings;

import fr.ordre.monespace.config.ContractActionFactory;

/**
 * Factory of "Paramètres", required action {@code monespace-settings} (registered by realm/), whose
 * config carries its limits (realm/contract.yaml).
 */
public final class SettingsActionFactory extends ContractActionFactory {

    public static final String ID = "monespace-settings";

    public SettingsActionFactory() {
        super(ID, new SettingsAction(), "Paramètres (MonEspace)");
    }
}
