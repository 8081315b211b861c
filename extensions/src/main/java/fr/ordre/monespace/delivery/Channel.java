package fr.ordre.monespace.delivery;

import java.util.Optional;

/** How a one-time code reaches the doctor: SMS to the mobile, or e-mail to the correspondence address. */
public enum Channel {
    SMS("sms"),
    EMAIL("email");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Channel> fromId(String id) {
        for (Channel channel : values()) {
            if (channel.id.equals(id)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
