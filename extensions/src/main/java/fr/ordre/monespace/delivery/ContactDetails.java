package fr.ordre.monespace.delivery;

import fr.ordre.monespace.contract.DoctorAttributes;
import fr.ordre.monespace.mask.ContactMasking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.UserModel;

/**
 * The contact details on file at the Ordre (set by the Ordinal sync). The doctor never types a
 * destination: codes only go to these. A landline is never stored as {@code mobilePhone}.
 */
public record ContactDetails(String mobile, String email) {

    public static ContactDetails of(UserModel doctor) {
        return new ContactDetails(blankToNull(doctor.getFirstAttribute(DoctorAttributes.MOBILE_PHONE)),
                blankToNull(doctor.getFirstAttribute(DoctorAttributes.CORRESPONDENCE_EMAIL)));
    }

    public boolean has(Channel channel) {
        return destination(channel) != null;
    }

    public String destination(Channel channel) {
        return channel == Channel.SMS ? mobile : email;
    }

    public String masked(Channel channel) {
        return channel == Channel.SMS ? ContactMasking.phone(mobile) : ContactMasking.email(email);
    }

    /** The channels offered among {@code allowed}, as template data ({@code id}, {@code masked}). */
    public List<Map<String, String>> offered(List<Channel> allowed) {
        List<Map<String, String>> offered = new ArrayList<>();
        for (Channel channel : allowed) {
            if (has(channel)) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("id", channel.id());
                entry.put("masked", masked(channel));
                offered.add(entry);
            }
        }
        return offered;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
