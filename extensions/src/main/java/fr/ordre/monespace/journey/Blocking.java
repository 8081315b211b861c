package fr.ordre.monespace.journey;

import java.util.HashMap;
import java.util.Map;

/**
 * A blocking error or information of the identity screen (SPEC 2.1 and 3.1 tables). When it has a
 * link, the message's {@code {0}} is where the link goes and {@code linkKey} its text; the target is
 * a link the theme knows ({@code reset}, {@code creation}, {@code support}).
 */
public record Blocking(String kind, String messageKey, String linkKey, String linkTarget) {

    public static Blocking error(String messageKey) {
        return new Blocking("error", messageKey, null, null);
    }

    public static Blocking info(String messageKey) {
        return new Blocking("info", messageKey, null, null);
    }

    public static Blocking infoWithLink(String messageKey, String linkKey, String linkTarget) {
        return new Blocking("info", messageKey, linkKey, linkTarget);
    }

    Map<String, String> asTemplateData() {
        Map<String, String> data = new HashMap<>();
        data.put("kind", kind);
        data.put("messageKey", messageKey);
        if (linkKey != null) {
            data.put("linkKey", linkKey);
            data.put("linkTarget", linkTarget);
        }
        return data;
    }
}
