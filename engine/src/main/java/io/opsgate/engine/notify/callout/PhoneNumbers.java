package io.opsgate.engine.notify.callout;

import java.util.regex.Pattern;

/** Keeps phone numbers out of text that is stored or logged (provider errors echo the numbers they refuse). */
public final class PhoneNumbers {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9][0-9 ()-]{5,}[0-9]");

    private PhoneNumbers() {
    }

    /** The text with everything that looks like a phone number replaced by {@code ***}. */
    public static String scrub(String text) {
        return text == null ? null : NUMBER.matcher(text).replaceAll("***");
    }
}
