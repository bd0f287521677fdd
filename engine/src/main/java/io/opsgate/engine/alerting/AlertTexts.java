package io.opsgate.engine.alerting;

import io.opsgate.api.text.TextField;

import java.util.EnumMap;
import java.util.Map;

/**
 * The texts a rule's {@code text} condition looks at, read from an alert's annotations: summary and
 * description of any alert, and for an alert that came by mail also its subject (the summary), body (the
 * description) and sender ({@link #MAIL_FROM}). Kept in annotations so a restart or a reload routes a held
 * alert exactly as when it arrived.
 */
public final class AlertTexts {
    /** Annotation of mail alerts: the From header as sent, decoded. Marks the alert as a mail. */
    public static final String MAIL_FROM = "mail_from";
    public static final String SUMMARY = "summary";
    public static final String DESCRIPTION = "description";

    private AlertTexts() {
    }

    /** The texts of an alert with these annotations; absent fields are left out (they read as empty). */
    public static Map<TextField, String> of(Map<String, String> annotations) {
        Map<TextField, String> texts = new EnumMap<>(TextField.class);
        if (annotations == null) {
            return texts;
        }
        String summary = annotations.get(SUMMARY);
        String description = annotations.get(DESCRIPTION);
        String from = annotations.get(MAIL_FROM);
        put(texts, TextField.SUMMARY, summary);
        put(texts, TextField.DESCRIPTION, description);
        if (from != null) {
            put(texts, TextField.FROM, from);
            put(texts, TextField.SUBJECT, summary);
            put(texts, TextField.BODY, description);
        }
        return texts;
    }

    private static void put(Map<TextField, String> texts, TextField field, String value) {
        if (value != null) {
            texts.put(field, value);
        }
    }
}
