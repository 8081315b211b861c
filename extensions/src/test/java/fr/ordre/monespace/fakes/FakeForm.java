package fr.ordre.monespace.fakes;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** A page as the login theme would receive it: template, attributes and messages, nothing rendered. */
public final class FakeForm {

    /** A message with its parameters: {@code key [params…]}. */
    public record Message(String key, List<Object> params) {
        @Override
        public String toString() {
            return params.isEmpty() ? key : key + " " + params;
        }
    }

    public String template;
    public final Map<String, Object> attributes = new HashMap<>();
    /** Field errors by field. */
    public final Map<String, Message> fieldErrors = new HashMap<>();
    public Message error;
    public Message info;
    private final List<FakeForm> rendered;

    FakeForm(List<FakeForm> rendered) {
        this.rendered = rendered;
    }

    FakeForm setExecution(String execution) {
        return this;
    }

    FakeForm addError(FormMessage message) {
        Object[] parameters = message.getParameters() == null ? new Object[0] : message.getParameters();
        fieldErrors.putIfAbsent(message.getField(), new Message(message.getMessage(), List.of(parameters)));
        return this;
    }

    FakeForm setError(String message, Object... parameters) {
        error = new Message(message, List.of(parameters));
        return this;
    }

    FakeForm setInfo(String message, Object... parameters) {
        info = new Message(message, List.of(parameters));
        return this;
    }

    FakeForm setAttribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    Response createForm(String name) {
        template = name;
        rendered.add(this);
        return null;
    }

    static LoginFormsProvider in(List<FakeForm> rendered) {
        return Fake.of(LoginFormsProvider.class, new FakeForm(rendered));
    }

    @Override
    public String toString() {
        return template + " error=" + error + " info=" + info + " fields=" + fieldErrors;
    }
}
