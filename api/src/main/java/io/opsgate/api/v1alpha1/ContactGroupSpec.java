package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** Whom a call-out reaches, in which order, how often, and what happens when nobody acknowledges. */
@JsonClassDescription("Whom a call-out reaches, in which order, how many rounds, and what happens when nobody acknowledges.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContactGroupSpec {

    @Size(min = 1, max = 50)
    @JsonPropertyDescription("Members in calling order. A schedule member is whoever is on call in it when its turn "
            + "comes.")
    public List<Member> members = new ArrayList<>();

    @Min(1)
    @Max(10)
    @Default("1")
    @JsonPropertyDescription("How many times the member list is gone through before the fallback.")
    public Integer rounds;

    @Required
    @JsonPropertyDescription("How the members are called out.")
    public CallOutSettings callOut;

    @JsonPropertyDescription("Where the call-out goes when every round ended without an acknowledgement.")
    public Fallback fallback;

    /** One member: a person or a schedule. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "has(self.person) != has(self.schedule)",
            message = "a member is either a person or a schedule")
    public static class Member {
        @Pattern(OpsgateApi.PERSON_ID_PATTERN)
        @JsonPropertyDescription("A person, by their key in the contacts Secret.")
        public String person;

        @Pattern(OpsgateApi.OBJECT_NAME_PATTERN)
        @JsonPropertyDescription("An OnCallSchedule in this namespace: whoever is on call in it is contacted.")
        public String schedule;

        public Member() {
        }

        /** A person member. */
        public static Member person(String id) {
            Member m = new Member();
            m.person = id;
            return m;
        }

        /** A schedule member. */
        public static Member schedule(String name) {
            Member m = new Member();
            m.schedule = name;
            return m;
        }
    }

    /** The last resort of a call-out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "has(self.channel) != has(self.contactGroup)",
            message = "a fallback is either a channel or a contactGroup")
    public static class Fallback {
        @Pattern(OpsgateApi.OBJECT_NAME_PATTERN)
        @JsonPropertyDescription("A NotificationChannel in this namespace that is notified of the unacknowledged ticket.")
        public String channel;

        @Pattern(OpsgateApi.OBJECT_NAME_PATTERN)
        @JsonPropertyDescription("Another ContactGroup in this namespace whose call-out starts.")
        public String contactGroup;
    }
}
