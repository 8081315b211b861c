package fr.ordre.monespace.journey;

import fr.ordre.monespace.contract.EventError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A blocking error or information of the identity screen (SPEC 2.1 and 3.1 tables), and the event
 * error that reports it. When it has a link, the message's {@code {0}} is where the link goes and
 * {@code linkKey} its text; the target is a link the theme knows ({@code reset}, {@code creation},
 * {@code support}). {@code args} follow the link in the message's parameters.
 */
public record Blocking(String kind, String messageKey, String linkKey, String linkTarget, EventError event,
                       List<String> args) {

    public static Blocking error(String messageKey, EventError event) {
        return new Blocking("error", messageKey, null, null, event, List.of());
    }

    public static Blocking info(String messageKey, EventError event) {
        return new Blocking("info", messageKey, null, null, event, List.of());
    }

    public static Blocking infoWithLink(String messageKey, String linkKey, String linkTarget, EventError event) {
        return new Blocking("info", messageKey, linkKey, linkTarget, event, List.of());
    }

    /** The same message with these parameters (a duration, say). */
    public Blocking with(String... parameters) {
        return new Blocking(kind, messageKey, linkKey, linkTarget, event, List.of(parameters));
    }

    Map<String, Object> asTemplateData() {
        Map<String, Object> data = new HashMap<>();
        data.put("kind", kind);
        data.put("messageKey", messageKey);
        data.put("args", args);
        if (linkKey != null) {
            data.put("linkKey", linkKey);
            data.put("linkTarget", linkTarget);
        }
        return data;
    }
}
