package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** The layers and overrides of an on-call schedule. People are named by their key in the contacts Secret. */
@JsonClassDescription("The layers and overrides of the schedule. People are named by their key in the contacts Secret.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OnCallScheduleSpec {

    @Default("UTC")
    @JsonPropertyDescription("IANA time zone of the layers that do not name their own, e.g. Asia/Tokyo. Default UTC.")
    public String timeZone;

    @Size(min = 1, max = 10)
    @JsonPropertyDescription("Rotation layers, bottom first as PagerDuty draws them: where a later layer has someone "
            + "on call it wins; where it has nobody (before its start, after its end, outside its restrictions) the "
            + "layers below show through.")
    public List<RotationLayer> layers = new ArrayList<>();

    @Size(max = 200)
    @JsonPropertyDescription("A person on call for a period, over every layer. Where overrides overlap, the later "
            + "one in this list wins.")
    public List<ScheduleOverride> overrides = new ArrayList<>();

    @JsonPropertyDescription("How the person on call is called out when an AlertRule's escalation level names this "
            + "schedule (once, without fallback: name a ContactGroup for rounds and a fallback). Required for that use.")
    public CallOutSettings callOut;
}
