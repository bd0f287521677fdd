package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** How people are called out: through which CallOut channel, by voice or SMS, and how long each has to answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CallOutSettings {

    @Required
    @Pattern(OpsgateApi.OBJECT_NAME_PATTERN)
    @JsonPropertyDescription("NotificationChannel of type CallOut in this namespace that places the calls and sends "
            + "the SMS.")
    public String channel;

    @Default("Voice")
    @JsonPropertyDescription("Voice (a call that reads the alert and asks to press 1), SMS, or VoiceAndSMS (both at "
            + "once, so the text stays on the phone).")
    public ContactMethod method;

    @Pattern(SchemaPatterns.DURATION)
    @Default("2m")
    @JsonPropertyDescription("How long a person has to acknowledge (press 1) after the call is placed or the SMS sent, "
            + "before the next one is contacted; from 30s to 1h. A call that ends unanswered moves on at once.")
    public String attemptTimeout;

    /** How people are contacted. */
    public enum ContactMethod {
        Voice, SMS, VoiceAndSMS
    }

    public CallOutSettings() {
    }

    public CallOutSettings(String channel) {
        this.channel = channel;
    }
}
