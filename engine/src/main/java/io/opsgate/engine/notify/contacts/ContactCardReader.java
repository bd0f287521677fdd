package io.opsgate.engine.notify.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.opsgate.api.oncall.RestrictionWindows;
import io.opsgate.api.time.Durations;
import io.opsgate.api.time.TimeZones;
import io.opsgate.api.v1alpha1.RotationLayer;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one person's entry of the contacts Secret: a small YAML document (docs/oncall.md, "People and
 * their contact details"). Unknown fields are refused so a typo does not silently drop a phone number;
 * errors name the field, never the value.
 */
public final class ContactCardReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String E164 = "^\\+[1-9][0-9]{6,14}$";
    private static final Set<String> FIELDS = Set.of("name", "phone", "sms", "email", "chat", "language", "timeZone",
            "quietHours", "quietHoursAction", "rateLimit");

    private ContactCardReader() {
    }

    /**
     * Parses the entry of {@code person}.
     *
     * @throws InvalidContact naming the field that is wrong
     */
    public static ContactCard read(String person, String yaml) throws InvalidContact {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (IOException e) {
            // Jackson's message may quote the text; say only where it broke.
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? "line " + j.getLocation().getLineNr() : "the entry";
            throw new InvalidContact(person, "(document)", "not valid YAML at " + where);
        }
        if (doc == null || !doc.isObject()) {
            throw new InvalidContact(person, "(document)", "expected a mapping with phone, language, ...");
        }
        for (Iterator<String> names = doc.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidContact(person, name, "unknown field; known are " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String phone = number(person, doc, "phone");
        String sms = number(person, doc, "sms");
        String email = text(doc, "email");
        if (email != null && !email.matches("^[^@\\s<>]+@[^@\\s<>]+$")) {
            throw new InvalidContact(person, "email", "not an email address");
        }
        Map<String, String> chat = new LinkedHashMap<>();
        JsonNode chatNode = doc.path("chat");
        if (!chatNode.isMissingNode() && !chatNode.isNull()) {
            if (!chatNode.isObject()) {
                throw new InvalidContact(person, "chat", "expected a mapping such as {slack: U0123}");
            }
            chatNode.fields().forEachRemaining(e -> chat.put(e.getKey(), e.getValue().asText()));
        }
        String language = text(doc, "language");
        if (language == null) {
            language = "en-US";
        } else if (!language.matches("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")) {
            throw new InvalidContact(person, "language", "not a BCP 47 language tag such as ja-JP");
        }
        ZoneId zone = ZoneOffset.UTC;
        String zoneName = text(doc, "timeZone");
        if (zoneName != null) {
            try {
                zone = TimeZones.parse(zoneName);
            } catch (IllegalArgumentException e) {
                throw new InvalidContact(person, "timeZone", "not an IANA time zone such as Asia/Tokyo");
            }
        }
        RestrictionWindows quiet = quietHours(person, doc.path("quietHours"), zone);
        ContactCard.QuietHoursAction action = ContactCard.QuietHoursAction.SMS;
        String actionText = text(doc, "quietHoursAction");
        if (actionText != null) {
            action = switch (actionText) {
                case "SMS" -> ContactCard.QuietHoursAction.SMS;
                case "Skip" -> ContactCard.QuietHoursAction.Skip;
                default -> throw new InvalidContact(person, "quietHoursAction", "use SMS or Skip");
            };
        }
        ContactCard.RateLimit limit = rateLimit(person, doc.path("rateLimit"));
        return ContactCard.builder(person).displayName(text(doc, "name")).phone(phone).sms(sms).email(email)
                .chat(chat).language(canonical(language)).timeZone(zone).quietHours(quiet).quietHoursAction(action)
                .rateLimit(limit).build();
    }

    private static String canonical(String tag) {
        return java.util.Locale.forLanguageTag(tag).toLanguageTag();
    }

    private static String number(String person, JsonNode doc, String field) throws InvalidContact {
        String value = text(doc, field);
        if (value == null) {
            return null;
        }
        String compact = value.replaceAll("[\\s()-]", "");
        if (!compact.matches(E164)) {
            throw new InvalidContact(person, field, "not a phone number in E.164 format (+ country code and number)");
        }
        return compact;
    }

    private static RestrictionWindows quietHours(String person, JsonNode node, ZoneId zone) throws InvalidContact {
        if (node.isMissingNode() || node.isNull()) {
            return RestrictionWindows.compile(List.of(), zone);
        }
        if (!node.isArray()) {
            throw new InvalidContact(person, "quietHours", "expected a list of {startTime, endTime, weekdays}");
        }
        List<RotationLayer.Restriction> windows = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode w = node.get(i);
            String field = "quietHours[" + i + "]";
            List<String> days = new ArrayList<>();
            w.path("weekdays").forEach(d -> days.add(d.asText().toLowerCase(Locale.ROOT)));
            String start = w.path("startTime").asText(null);
            String end = w.path("endTime").asText(null);
            if (start == null || end == null || !start.matches("^([01][0-9]|2[0-3]):[0-5][0-9]$")
                    || !end.matches("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")) {
                throw new InvalidContact(person, field, "needs startTime and endTime as HH:MM");
            }
            windows.add(new RotationLayer.Restriction(start, end, days));
        }
        try {
            return RestrictionWindows.compile(windows, zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidContact(person, "quietHours", "weekdays: " + e.getMessage());
        }
    }

    private static ContactCard.RateLimit rateLimit(String person, JsonNode node) throws InvalidContact {
        if (node.isMissingNode() || node.isNull()) {
            return ContactCard.RateLimit.DEFAULT;
        }
        int calls = node.path("calls").asInt(0);
        String per = node.path("per").asText(null);
        if (calls < 1 || calls > 1000) {
            throw new InvalidContact(person, "rateLimit.calls", "a number from 1 to 1000");
        }
        Duration period;
        try {
            period = Durations.parse(per);
        } catch (IllegalArgumentException e) {
            throw new InvalidContact(person, "rateLimit.per", "a duration such as 1h");
        }
        if (period.isZero()) {
            throw new InvalidContact(person, "rateLimit.per", "must be greater than 0");
        }
        return new ContactCard.RateLimit(calls, period);
    }

    private static String text(JsonNode doc, String field) {
        JsonNode n = doc.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.asText().strip();
    }
}
