package fr.ordre.monespace.journey;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * Renders the screens of a journey, one template per screen (themes/monespace/login), with the
 * attributes every screen shares: the journey's name ({@code creation} or {@code recovery}) and the
 * values to type again after an error. Configurable links are realm attributes the theme reads.
 */
public final class Screens {

    public static final String IDENTITY = "monespace-identity.ftl";
    public static final String CHANNEL = "monespace-channel.ftl";
    public static final String CODE = "monespace-code.ftl";
    public static final String CREDENTIALS = "monespace-credentials.ftl";
    public static final String DONE = "monespace-done.ftl";

    private final AuthenticationFlowContext context;
    private final String journey;
    private final LoginFormsProvider form;
    private final Map<String, String> values = new HashMap<>();

    public Screens(AuthenticationFlowContext context, String journey) {
        this.context = context;
        this.journey = journey;
        this.form = context.form().setExecution(context.getExecution().getId());
    }

    /** Field errors shown next to their fields (field name = input name). */
    public Screens errors(List<FormMessage> errors) {
        errors.forEach(form::addError);
        return this;
    }

    public Screens error(String field, String key, Object... params) {
        form.addError(new FormMessage(field, key, params));
        return this;
    }

    /** A message at the top of the screen, announced to screen readers. */
    public Screens globalError(String key, Object... params) {
        form.setError(key, params);
        return this;
    }

    public Screens info(String key, Object... params) {
        form.setInfo(key, params);
        return this;
    }

    /** A blocking message that replaces the way forward (SPEC 2.1 table), optionally with a link. */
    public Screens blocking(Blocking blocking) {
        form.setAttribute("blocking", blocking.asTemplateData());
        return this;
    }

    public Screens value(String field, String value) {
        if (value != null) {
            values.put(field, value);
        }
        return this;
    }

    public Screens attribute(String name, Object value) {
        form.setAttribute(name, value);
        return this;
    }

    public Response render(String template) {
        form.setAttribute("journey", journey);
        form.setAttribute("values", values);
        return form.createForm(template);
    }

    public AuthenticationFlowContext context() {
        return context;
    }
}
