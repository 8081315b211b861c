package fr.ordre.monespace.journey;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * One page of a journey being put together: its messages, the values to type again after an
 * error, and the attributes every screen shares (the journey's name, {@code creation} or
 * {@code recovery}). {@link JourneyView} adds what each screen needs and renders it.
 */
public final class Page {

    private final LoginFormsProvider form;
    private final String journey;
    private final Map<String, String> values = new HashMap<>();

    Page(AuthenticationFlowContext context, String journey) {
        this.form = context.form().setExecution(context.getExecution().getId());
        this.journey = journey;
    }

    /** Field errors shown next to their fields (field name = input name). */
    public Page errors(List<FormMessage> errors) {
        errors.forEach(form::addError);
        return this;
    }

    public Page error(String field, String key, Object... params) {
        form.addError(new FormMessage(field, key, params));
        return this;
    }

    /** A message at the top of the screen, announced to screen readers. */
    public Page globalError(String key, Object... params) {
        form.setError(key, params);
        return this;
    }

    public Page info(String key, Object... params) {
        form.setInfo(key, params);
        return this;
    }

    /** A blocking message that replaces the way forward (SPEC 2.1 table), optionally with a link. */
    public Page blocking(Blocking blocking) {
        form.setAttribute("blocking", blocking.asTemplateData());
        return this;
    }

    public Page value(String field, String value) {
        if (value != null) {
            values.put(field, value);
        }
        return this;
    }

    public Page attribute(String name, Object value) {
        form.setAttribute(name, value);
        return this;
    }

    Response render(Screen screen) {
        form.setAttribute("journey", journey);
        form.setAttribute("values", values);
        return form.createForm(screen.template());
    }
}
