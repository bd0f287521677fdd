package io.opsgate.engine.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws strings that a regex of the kind Alertmanager configurations use probably matches (literals,
 * classes, groups, alternation, quantifiers, flags), so the test corpus reaches every branch of a routing
 * tree. Callers keep only the samples the real matcher accepts.
 */
final class RegexSampler {
    private static final String ALPHABET = "abcxyz019-_. ";

    private interface Gen {
        void gen(StringBuilder out, Random random);
    }

    private final String re;
    private int pos;

    private RegexSampler(String re) {
        this.re = re;
    }

    /** Up to {@code n} samples; fewer (or none) when the regex uses syntax this sampler does not know. */
    static List<String> samples(String re, int n, long seed) {
        List<String> result = new ArrayList<>();
        Gen g;
        try {
            RegexSampler s = new RegexSampler(re);
            g = s.alternation();
            if (s.pos != re.length()) {
                return result;
            }
        } catch (RuntimeException e) {
            return result;
        }
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            g.gen(sb, random);
            result.add(sb.toString());
        }
        return result;
    }

    private Gen alternation() {
        List<Gen> branches = new ArrayList<>();
        branches.add(concat());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            branches.add(concat());
        }
        return branches.size() == 1 ? branches.get(0)
                : (out, r) -> branches.get(r.nextInt(branches.size())).gen(out, r);
    }

    private Gen concat() {
        List<Gen> parts = new ArrayList<>();
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            parts.add(quantified(atom()));
        }
        return (out, r) -> parts.forEach(p -> p.gen(out, r));
    }

    private Gen quantified(Gen atom) {
        if (pos >= re.length()) {
            return atom;
        }
        char c = re.charAt(pos);
        int min;
        int max;
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : min + 2;
        } else if (c == '{' && re.indexOf('}', pos) > 0 && re.substring(pos + 1, re.indexOf('}', pos)).matches("\\d+(,\\d*)?")) {
            String body = re.substring(pos + 1, re.indexOf('}', pos));
            pos = re.indexOf('}', pos) + 1;
            String[] parts = body.split(",", -1);
            min = Integer.parseInt(parts[0]);
            max = parts.length == 1 ? min : parts[1].isEmpty() ? min + 2 : Integer.parseInt(parts[1]);
        } else {
            return atom;
        }
        if (pos < re.length() && re.charAt(pos) == '?') {
            pos++; // lazy: the same strings match
        }
        int lo = min;
        int hi = max;
        return (out, r) -> {
            int n = lo + r.nextInt(hi - lo + 1);
            for (int i = 0; i < n; i++) {
                atom.gen(out, r);
            }
        };
    }

    private Gen atom() {
        char c = re.charAt(pos++);
        switch (c) {
            case '(' -> {
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                } else if (re.startsWith("?P<", pos) || re.startsWith("?<", pos)) {
                    pos = re.indexOf('>', pos) + 1;
                } else if (re.startsWith("?", pos)) {
                    int close = re.indexOf(')', pos);
                    int colon = re.indexOf(':', pos);
                    if (colon > 0 && colon < close) {
                        pos = colon + 1; // (?i:...)
                    } else {
                        pos = close + 1; // (?i) sets flags only
                        return (out, r) -> { };
                    }
                }
                Gen inner = alternation();
                if (pos >= re.length() || re.charAt(pos) != ')') {
                    throw new IllegalArgumentException("unclosed group");
                }
                pos++;
                return inner;
            }
            case '[' -> {
                return charClass();
            }
            case '\\' -> {
                char e = re.charAt(pos++);
                return switch (e) {
                    case 'd' -> (out, r) -> out.append((char) ('0' + r.nextInt(10)));
                    case 'w' -> (out, r) -> out.append("abcxyz_09".charAt(r.nextInt(9)));
                    case 's' -> (out, r) -> out.append(' ');
                    case 'D', 'W' -> (out, r) -> out.append('-');
                    case 'S' -> (out, r) -> out.append('x');
                    default -> (out, r) -> out.append(e);
                };
            }
            case '.' -> {
                return (out, r) -> out.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            case '^', '$' -> {
                return (out, r) -> { };
            }
            default -> {
                return (out, r) -> out.append(c);
            }
        }
    }

    private Gen charClass() {
        boolean negated = pos < re.length() && re.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        StringBuilder members = new StringBuilder();
        boolean first = true;
        while (pos < re.length() && (re.charAt(pos) != ']' || first)) {
            first = false;
            char from = re.charAt(pos++);
            if (from == '\\') {
                char e = re.charAt(pos++);
                switch (e) {
                    case 'd' -> members.append("0123456789");
                    case 'w' -> members.append("abcxyzABC_0129");
                    case 's' -> members.append(' ');
                    default -> members.append(e);
                }
                continue;
            }
            if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                char to = re.charAt(pos + 1);
                pos += 2;
                for (char ch = from; ch <= to && ch - from < 64; ch++) {
                    members.append(ch);
                }
            } else {
                members.append(from);
            }
        }
        pos++; // ]
        String set = members.toString();
        if (!negated) {
            return (out, r) -> out.append(set.charAt(r.nextInt(set.length())));
        }
        StringBuilder outside = new StringBuilder();
        for (char ch : (ALPHABET + "QZ").toCharArray()) {
            if (set.indexOf(ch) < 0) {
                outside.append(ch);
            }
        }
        String other = outside.toString();
        return (out, r) -> out.append(other.charAt(r.nextInt(other.length())));
    }
}
