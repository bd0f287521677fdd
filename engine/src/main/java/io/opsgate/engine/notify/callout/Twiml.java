package io.opsgate.engine.notify.callout;

import java.net.URI;

/**
 * The TwiML documents of a call-out: read the alert and gather one key; thank for 1; say goodbye when
 * nothing was pressed. Every text and attribute value is XML-escaped, so a title with {@code <} or
 * {@code &} can neither break the document nor add instructions to it.
 */
public final class Twiml {

    /** Seconds the call waits for a key after the message. */
    static final int GATHER_SECONDS = 10;

    private Twiml() {
    }

    /** The message, said twice inside a Gather of one digit posted to {@code gatherUrl}, then a goodbye. */
    public static String prompt(VoiceMessages.Voice voice, CallOutMessage message, URI gatherUrl) {
        String lang = escape(voice.tag());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Response>"
                + "<Gather numDigits=\"1\" timeout=\"" + GATHER_SECONDS + "\" method=\"POST\" action=\""
                + escape(gatherUrl.toString()) + "\">"
                + "<Say language=\"" + lang + "\" loop=\"2\">" + escape(VoiceMessages.prompt(voice, message)) + "</Say>"
                + "</Gather>"
                + "<Say language=\"" + lang + "\">" + escape(VoiceMessages.noInput(voice)) + "</Say>"
                + "<Hangup/>"
                + "</Response>";
    }

    /** The answer to the key 1: thanks, and hang up. */
    public static String acknowledged(VoiceMessages.Voice voice, CallOutMessage message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Response>"
                + "<Say language=\"" + escape(voice.tag()) + "\">" + escape(VoiceMessages.acknowledged(voice, message))
                + "</Say>"
                + "<Hangup/>"
                + "</Response>";
    }

    /** An empty document: the answer to a status callback, or to a callback that is no longer wanted. */
    public static String empty() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot carry are dropped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                        sb.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    }
                }
            }
        }
        return sb.toString();
    }
}
