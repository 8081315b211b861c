package fr.ordre.monespace.journey;

import java.util.HashMap;
import java.util.Map;

/**
 * A blocking error or information of the identity screen. The message is split around an optional
 * link so the template can build it without unescaped HTML: {@code before <a href=link>linkText</a> after}.
 */
public record Blocking(String kind, String messageKey, String linkTextKey, String linkTarget, String afterKey) {

    public static Blocking error(String messageKey) {
        return new Blocking("error", messageKey, null, null, null);
    }

    public static Blocking info(String messageKey) {
        return new Blocking("info", messageKey, null, null, null);
    }

    /** {@code linkTarget} names a link the template knows: {@code reset}, {@code creation}, {@code support}. */
    public static Blocking infoWithLink(String messageKey, String linkTextKey, String linkTarget, String afterKey) {
        return new Blocking("info", messageKey, linkTextKey, linkTarget, afterKey);
    }

    Map<String, String> asTemplateData() {
        Map<String, String> data = new HashMap<>();
        data.put("kind", kind);
        data.put("messageKey", messageKey);
        if (linkTextKey != null) {
            data.put("linkTextKey", linkTextKey);
            data.put("linkTarget", linkTarget);
        }
        if (afterKey != null) {
            data.put("afterKey", afterKey);
        }
        return data;
    }
}
