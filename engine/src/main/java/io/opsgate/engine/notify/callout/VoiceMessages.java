package io.opsgate.engine.notify.callout;

import java.util.Locale;

/**
 * The words of a call-out in the person's language: Japanese (ja-JP) and English (en-US; also the
 * language for every other tag, since providers' Japanese and English voices are the ones known to exist).
 */
public final class VoiceMessages {

    /** A language the voice speaks: its TwiML tag and its sentences. */
    public enum Voice {
        JAPANESE("ja-JP"), ENGLISH("en-US");

        private final String tag;

        Voice(String tag) {
            this.tag = tag;
        }

        /** The value of TwiML's Say language attribute. */
        public String tag() {
            return tag;
        }
    }

    private VoiceMessages() {
    }

    /** The voice for a person's language tag; English unless the tag is Japanese. */
    public static Voice voiceFor(String languageTag) {
        if (languageTag != null && Locale.forLanguageTag(languageTag).getLanguage().equals("ja")) {
            return Voice.JAPANESE;
        }
        return Voice.ENGLISH;
    }

    /** What the call says first, and again on a key other than 1. */
    public static String prompt(Voice v, CallOutMessage m) {
        return switch (v) {
            case JAPANESE -> "opsgate からの緊急連絡です。" + m.title() + "。優先度 " + spoken(m.priority())
                    + "、チケット番号 " + m.ticketId() + "。対応する場合は 1 を押してください。";
            case ENGLISH -> "This is an opsgate call-out. " + m.title() + ". Priority " + spoken(m.priority())
                    + ", ticket " + m.ticketId() + ". Press 1 to acknowledge.";
        };
    }

    /** What the call says when 1 was pressed. */
    public static String acknowledged(Voice v, CallOutMessage m) {
        return switch (v) {
            case JAPANESE -> "ありがとうございます。チケット " + m.ticketId() + " をあなたの対応として受け付けました。";
            case ENGLISH -> "Thank you. Ticket " + m.ticketId() + " is acknowledged by you.";
        };
    }

    /** What the call says when nothing was pressed. */
    public static String noInput(Voice v) {
        return switch (v) {
            case JAPANESE -> "入力がありませんでした。次の担当者に連絡します。";
            case ENGLISH -> "No key was pressed. The next person will be called.";
        };
    }

    /** The SMS text. */
    public static String sms(Voice v, CallOutMessage m) {
        return switch (v) {
            case JAPANESE -> "[opsgate] " + m.priority() + " チケット " + m.ticketId() + ": " + m.title();
            case ENGLISH -> "[opsgate] " + m.priority() + " ticket " + m.ticketId() + ": " + m.title();
        };
    }

    /** P1 is read as "P 1", so a voice does not guess at a word. */
    private static String spoken(String priority) {
        return priority == null ? "" : priority.replaceAll("^P([0-9])$", "P $1");
    }
}
