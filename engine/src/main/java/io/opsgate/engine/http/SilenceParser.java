package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonToken;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.regex.RegexTooComplexException;
import io.opsgate.engine.alerting.SilenceRequest;
import io.opsgate.engine.alerting.Silences;
import io.opsgate.engine.domain.SilenceMatcher;

import java.util.ArrayList;
import java.util.List;

/** Parses and checks Alertmanager API v2's postableSilence. */
final class SilenceParser {
    private SilenceParser() {
    }

    static SilenceRequest parse(byte[] body) {
        return parse(body, null);
    }

    /**
     * As {@link #parse(byte[])}; with a signed-in {@code person} the silence is theirs whatever the body's
     * createdBy says (which may then be left out), so nobody silences under another's name.
     */
    static SilenceRequest parse(byte[] body, String person) {
        try (JsonInput in = new JsonInput(body)) {
            in.next();
            in.expect(JsonToken.START_OBJECT, "", "a silence object");
            String id = null;
            List<SilenceMatcher> matchers = null;
            long startsAt = 0;
            long endsAt = 0;
            String createdBy = null;
            String comment = null;
            while (in.next() == JsonToken.FIELD_NAME) {
                String name = in.name();
                in.next();
                switch (name) {
                    case "id" -> id = in.string("id");
                    case "matchers" -> matchers = matchers(in);
                    case "startsAt" -> startsAt = AlertParser.time(in.string("startsAt"), "startsAt");
                    case "endsAt" -> endsAt = AlertParser.time(in.string("endsAt"), "endsAt");
                    case "createdBy" -> createdBy = in.string("createdBy");
                    case "comment" -> comment = in.string("comment");
                    default -> in.skip();
                }
            }
            in.expectEnd();
            if (matchers == null || matchers.isEmpty()) {
                throw ApiError.badRequest("matchers must have at least one matcher").field("matchers");
            }
            try {
                if (Silences.compile(matchers).stream().allMatch(m -> m.matchesEmpty())) {
                    throw ApiError.badRequest("at least one matcher must not match the empty string").field("matchers");
                }
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("matchers: " + e.getMessage()).field("matchers");
            }
            if (startsAt == 0) {
                throw ApiError.badRequest("startsAt is required").field("startsAt");
            }
            if (endsAt == 0) {
                throw ApiError.badRequest("endsAt is required").field("endsAt");
            }
            if (endsAt < startsAt) {
                throw ApiError.badRequest("endsAt is before startsAt").field("endsAt");
            }
            if (person != null) {
                createdBy = person;
            } else if (createdBy == null || createdBy.isBlank()) {
                throw ApiError.badRequest("createdBy is required").field("createdBy");
            }
            if (comment == null || comment.isBlank()) {
                throw ApiError.badRequest("comment is required").field("comment");
            }
            return new SilenceRequest(id, matchers, startsAt, endsAt, createdBy, comment);
        }
    }

    private static List<SilenceMatcher> matchers(JsonInput in) {
        in.expect(JsonToken.START_ARRAY, "matchers", "an array");
        List<SilenceMatcher> result = new ArrayList<>();
        // Checked here, on the event loop and within one budget, before the tenant's lane compiles them.
        RegexBudget budget = RegexBudget.perObject();
        while (in.next() != JsonToken.END_ARRAY) {
            String path = "matchers[" + result.size() + "]";
            in.expect(JsonToken.START_OBJECT, path, "a matcher object");
            String name = null;
            String value = null;
            boolean isRegex = false;
            boolean isEqual = true;
            boolean sawRegex = false;
            while (in.next() == JsonToken.FIELD_NAME) {
                String f = in.name();
                in.next();
                switch (f) {
                    case "name" -> name = in.string(path + ".name");
                    case "value" -> value = in.string(path + ".value");
                    case "isRegex" -> {
                        isRegex = in.bool(path + ".isRegex");
                        sawRegex = true;
                    }
                    case "isEqual" -> isEqual = in.bool(path + ".isEqual");
                    default -> in.skip();
                }
            }
            if (name == null || name.isEmpty()) {
                throw ApiError.badRequest(path + ".name is required").field(path + ".name");
            }
            if (value == null) {
                throw ApiError.badRequest(path + ".value is required").field(path + ".value");
            }
            if (!sawRegex) {
                throw ApiError.badRequest(path + ".isRegex is required").field(path + ".isRegex");
            }
            if (isRegex) {
                checkRegex(value, path + ".value", budget);
            }
            result.add(new SilenceMatcher(name, value, isRegex, isEqual));
        }
        return result;
    }

    private static void checkRegex(String value, String field, RegexBudget budget) {
        try {
            BoundedRegex.compileAnchored(value, Pattern.DOTALL, budget);
        } catch (PatternSyntaxException e) {
            throw ApiError.badRequest(field + " is not a valid regex: " + e.getDescription()).field(field);
        } catch (RegexTooComplexException e) {
            throw GetAlertsHandler.tooComplex(e, field);
        }
    }
}
