package io.opsgate.engine.notify.callout;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The TwiML documents, read back with an XML parser. */
class TwimlTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTitleWithMarkupStaysTextAndCannotAddInstructions() throws Exception {
        String hostile = "x</Say><Dial>+15550100</Dial><Say>\" & ' <b> 𝄞 \u0007";
        CallOutMessage m = new CallOutMessage(42, hostile, "P1", "critical");
        URI gather = URI.create("https://opsgate.example/api/v1/callouts/acme/t0k/gather?a=1&b=2");
        Document doc = parse(Twiml.prompt(VoiceMessages.Voice.ENGLISH, m, gather));

        assertThat(doc.getElementsByTagName("Dial").getLength()).isZero();
        Element g = (Element) doc.getElementsByTagName("Gather").item(0);
        assertThat(g.getAttribute("numDigits")).isEqualTo("1");
        assertThat(g.getAttribute("method")).isEqualTo("POST");
        assertThat(g.getAttribute("action")).isEqualTo(gather.toString());
        Element say = (Element) g.getElementsByTagName("Say").item(0);
        assertThat(say.getAttribute("language")).isEqualTo("en-US");
        assertThat(say.getTextContent()).isEqualTo("This is an opsgate call-out. x</Say><Dial>+15550100</Dial><Say>\" & ' <b> 𝄞 "
                + ". Priority P 1, ticket 42. Press 1 to acknowledge.");
        assertThat(doc.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
    }

    @Test
    void japaneseForJapaneseSpeakersAndEnglishForEveryoneElse() throws Exception {
        CallOutMessage m = new CallOutMessage(7, "ディスク容量不足", "P2", "critical");
        assertThat(VoiceMessages.voiceFor("ja-JP")).isEqualTo(VoiceMessages.Voice.JAPANESE);
        assertThat(VoiceMessages.voiceFor("ja")).isEqualTo(VoiceMessages.Voice.JAPANESE);
        assertThat(VoiceMessages.voiceFor("de-DE")).isEqualTo(VoiceMessages.Voice.ENGLISH);
        assertThat(VoiceMessages.voiceFor(null)).isEqualTo(VoiceMessages.Voice.ENGLISH);

        Document doc = parse(Twiml.prompt(VoiceMessages.Voice.JAPANESE, m, URI.create("https://x.example/g")));
        Element say = (Element) doc.getElementsByTagName("Say").item(0);
        assertThat(say.getAttribute("language")).isEqualTo("ja-JP");
        assertThat(say.getTextContent()).isEqualTo("opsgate からの緊急連絡です。ディスク容量不足。優先度 P 2、チケット番号 7。"
                + "対応する場合は 1 を押してください。");
        Document ack = parse(Twiml.acknowledged(VoiceMessages.Voice.JAPANESE, m));
        assertThat(ack.getElementsByTagName("Say").item(0).getTextContent()).contains("チケット 7");
        assertThat(parse(Twiml.empty()).getDocumentElement().getChildNodes().getLength()).isZero();
    }

    @Test
    void phoneNumbersAreScrubbedFromProviderText() {
        assertThat(PhoneNumbers.scrub("The 'To' number +81 50-1234-5601 is not valid (code 21211)"))
                .isEqualTo("The 'To' number *** is not valid (code 21211)");
        assertThat(PhoneNumbers.scrub(null)).isNull();
    }

    @Test
    void callbackUrlsAreUnderTheExternalUrl() {
        CallbackUrls urls = new CallbackUrls(URI.create("https://opsgate.acme.example/"));
        assertThat(urls.of("acme", "abc_-1", CallbackUrls.Kind.GATHER).toString())
                .isEqualTo("https://opsgate.acme.example/api/v1/callouts/acme/abc_-1/gather");
        assertThat(CallbackUrls.Kind.ofPath("status")).contains(CallbackUrls.Kind.STATUS);
        assertThat(CallbackUrls.Kind.ofPath("../status")).isEmpty();
    }
}
