package fr.ordre.monespace.journey;

import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * Renders a journey's screens (themes/monespace/login), each with what it needs from the journey:
 * the channels offered, where the code went, the credentials screen's variant. The
 * {@link JourneyMachine} decides which screen and which messages; this class only shows them.
 */
final class JourneyView {

    private final AuthenticationFlowContext context;
    private final JourneyRules rules;
    private final Journey journey;

    JourneyView(AuthenticationFlowContext context, JourneyRules rules, Journey journey) {
        this.context = context;
        this.rules = rules;
        this.journey = journey;
    }

    /** A blank page of this journey, to fill with messages and values. */
    Page page() {
        return new Page(context, rules.name());
    }

    Response show(Screen screen) {
        return show(screen, page());
    }

    /** Renders {@code screen} with {@code page}'s messages and what the screen needs from the journey. */
    Response show(Screen screen, Page page) {
        UserModel doctor = screen == Screen.IDENTITY ? null : journey.doctor();
        return switch (screen) {
            case IDENTITY, DONE -> page.render(screen);
            case CHANNEL -> page
                    .attribute("channels", ContactDetails.of(doctor).offered(rules.channels()))
                    .attribute("selectedChannel", journey.code().channel())
                    .render(screen);
            case CODE -> page.attribute("codeChannel", channel().id())
                    .attribute("codeDestination", ContactDetails.of(doctor).masked(channel()))
                    .render(screen);
            case CREDENTIALS -> {
                Map<String, Object> credentials = new HashMap<>();
                credentials.put("variant", rules.credentialsVariant(channel()));
                if (journey.emailFixed()) {
                    credentials.put("fixedEmail", ContactDetails.of(doctor).email());
                }
                yield page.attribute("credentials", credentials).render(screen);
            }
        };
    }

    /** The channel of the journey's code (SMS until one was sent). */
    Channel channel() {
        return Channel.fromId(journey.code().channel()).orElse(Channel.SMS);
    }
}
