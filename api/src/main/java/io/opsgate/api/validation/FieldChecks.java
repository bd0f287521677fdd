package io.opsgate.api.validation;

import io.opsgate.api.matcher.MatcherParser;
import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.regex.RegexTooComplexException;
import io.opsgate.api.time.Durations;
import io.opsgate.api.time.Timestamps;
import io.opsgate.api.v1alpha1.Subject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The field-level checks the validators share; each reports a problem under its path, naming the field. */
final class FieldChecks {

    private FieldChecks() {
    }

    /** Matchers whose regexes are charged to {@code budget}, shared by the regexes of one object. */
    static void matchers(List<String> matchers, String path, ValidationResult r, RegexBudget budget) {
        if (matchers == null) {
            return;
        }
        for (int i = 0; i < matchers.size(); i++) {
            try {
                MatcherParser.parse(matchers.get(i), budget);
            } catch (RegexTooComplexException e) {
                r.add(path + "[" + i + "]", Reasons.REGEX_TOO_COMPLEX, e.getMessage());
            } catch (IllegalArgumentException e) {
                r.add(path + "[" + i + "]", Reasons.INVALID_MATCHER,
                        "matcher " + quoteForMessage(matchers.get(i)) + ": " + e.getMessage());
            }
        }
    }

    /** Whether the regex compiles within {@code budget}; when not, the problem is recorded under {@code path}. */
    static boolean regex(String regex, String path, ValidationResult r, RegexBudget budget) {
        try {
            BoundedRegex.compile(regex, 0, budget);
            return true;
        } catch (RegexTooComplexException e) {
            r.add(path, Reasons.REGEX_TOO_COMPLEX, e.getMessage());
        } catch (com.google.re2j.PatternSyntaxException e) {
            r.add(path, Reasons.INVALID_REGEX, "invalid regex " + quoteForMessage(regex) + ": " + e.getDescription());
        }
        return false;
    }

    static Duration duration(String text, String path, ValidationResult r) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            r.add(path, Reasons.INVALID_DURATION, e.getMessage());
            return null;
        }
    }

    static Duration positiveDuration(String text, String path, ValidationResult r) {
        Duration d = duration(text, path, r);
        if (d != null && d.isZero()) {
            r.add(path, Reasons.INVALID_DURATION, "must be greater than 0");
        }
        return d;
    }

    static Instant timestamp(String text, String path, ValidationResult r) {
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            r.add(path, Reasons.INVALID_TIME, e.getMessage());
            return null;
        }
    }

    static void cidrs(List<String> cidrs, String path, ValidationResult r) {
        if (cidrs == null) {
            return;
        }
        for (int i = 0; i < cidrs.size(); i++) {
            cidr(cidrs.get(i), path + "[" + i + "]", r);
        }
    }

    static void cidr(String cidr, String path, ValidationResult r) {
        try {
            Cidrs.parse(cidr);
        } catch (IllegalArgumentException e) {
            r.add(path, Reasons.INVALID_CIDR, e.getMessage());
        }
    }

    static void ports(List<Integer> ports, String path, ValidationResult r) {
        if (ports == null) {
            return;
        }
        for (int i = 0; i < ports.size(); i++) {
            port(ports.get(i), path + "[" + i + "]", r, true);
        }
    }

    static void port(Integer port, String path, ValidationResult r, boolean required) {
        if (port == null) {
            if (required) {
                r.add(path, Reasons.MISSING_FIELD, "port is required");
            }
            return;
        }
        range(port, 1, 65535, path, r);
    }

    static void range(Integer value, int min, int max, String path, ValidationResult r) {
        if (value != null && (value < min || value > max)) {
            r.add(path, Reasons.INVALID_VALUE, value + " is out of range; allowed " + min + " to " + max);
        }
    }

    static boolean require(Object section, String path, ValidationResult r) {
        if (section == null) {
            String field = path.substring(path.lastIndexOf('.') + 1);
            r.add(path, Reasons.MISSING_FIELD, field + " is required for this type");
            return false;
        }
        return true;
    }

    static void url(String url, String path, ValidationResult r) {
        if (url == null || url.isBlank()) {
            r.add(path, Reasons.MISSING_FIELD, "url is required");
            return;
        }
        try {
            java.net.URI u = new java.net.URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                r.add(path, Reasons.INVALID_URL, "\"" + url + "\" is not an http or https URL with a host");
            }
        } catch (java.net.URISyntaxException e) {
            r.add(path, Reasons.INVALID_URL, "\"" + url + "\" is not a URL: " + e.getReason());
        }
    }

    static void host(String host, String path, ValidationResult r) {
        if (host == null || host.isBlank()) {
            r.add(path, Reasons.MISSING_FIELD, "a host name or IP address is required");
        } else if (!host.matches("^[A-Za-z0-9._:\\-\\[\\]]+$") || host.length() > 253) {
            r.add(path, Reasons.INVALID_VALUE, "\"" + host + "\" is not a host name or IP address");
        }
    }

    /** An E.164 number: a company's caller number here, never a person's (those live in the contacts Secret). */
    static void phoneNumber(String number, String path, boolean required, ValidationResult r) {
        if (number == null) {
            if (required) {
                r.add(path, Reasons.MISSING_FIELD, "a phone number in E.164 format (+15005550006) is required");
            }
        } else if (!number.matches("^\\+[1-9][0-9]{6,14}$")) {
            r.add(path, Reasons.INVALID_VALUE, "\"" + number + "\" is not a phone number in E.164 format such as +15005550006");
        }
    }

    static void email(String address, String path, ValidationResult r) {
        if (address == null || !address.matches("^[^@\\s<>]+@[^@\\s<>]+$")) {
            r.add(path, Reasons.INVALID_VALUE, "\"" + address + "\" is not an email address");
        }
    }

    static void names(List<String> names, String path, ValidationResult r, boolean requireOne) {
        if (names == null || names.isEmpty()) {
            if (requireOne) {
                r.add(path, Reasons.MISSING_FIELD, "at least one name is required");
            }
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || !n.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")) {
                r.add(path + "[" + i + "]", Reasons.INVALID_VALUE, "\"" + n + "\" is not an object name");
            }
        }
    }

    static void labelNames(List<String> labels, String path, ValidationResult r) {
        if (labels == null) {
            return;
        }
        for (int i = 0; i < labels.size(); i++) {
            String l = labels.get(i);
            if (l == null || !(l.equals("...") || l.matches("^[a-zA-Z_][a-zA-Z0-9_]*$"))) {
                r.add(path + "[" + i + "]", Reasons.INVALID_VALUE,
                        "\"" + l + "\" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
        }
    }

    static void subjects(List<Subject> subjects, String path, ValidationResult r) {
        if (subjects == null) {
            return;
        }
        for (int i = 0; i < subjects.size(); i++) {
            Subject s = subjects.get(i);
            String p = path + "[" + i + "]";
            if (s == null || s.kind == null) {
                r.add(p + ".kind", Reasons.MISSING_FIELD, "kind is required: User, Group or ServiceAccount");
                continue;
            }
            if (s.name == null || s.name.isBlank()) {
                r.add(p + ".name", Reasons.MISSING_FIELD, "name is required");
            }
            if (s.kind == Subject.SubjectKind.ServiceAccount && (s.namespace == null || s.namespace.isBlank())) {
                r.add(p + ".namespace", Reasons.MISSING_FIELD, "namespace is required for a ServiceAccount subject");
            }
        }
    }

    static String quoteForMessage(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
