package io.opsgate.engine.notify.contacts;

import io.opsgate.engine.notify.channels.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contacts Secret's per-person entries: what is read, what is refused, and that no value leaks. */
class ContactCardReaderTest {

    @Test
    void aFullEntryIsRead() throws Exception {
        ContactCard card = ContactCardReader.read("taro", """
                name: 山田 太郎
                phone: "+81 50-1234-5601"
                sms: "+815012345699"
                email: taro@acme.example
                chat: {slack: U0TARO}
                language: ja-jp
                timeZone: Asia/Tokyo
                quietHours:
                  - {weekdays: ["saturday:sunday"], startTime: "00:00", endTime: "24:00"}
                  - {startTime: "23:00", endTime: "07:00"}
                quietHoursAction: Skip
                rateLimit: {calls: 3, per: 30m}
                """);

        assertThat(card.id()).isEqualTo("taro");
        assertThat(card.phone()).isEqualTo("+815012345601");
        assertThat(card.smsNumber()).isEqualTo("+815012345699");
        assertThat(card.chat()).containsEntry("slack", "U0TARO");
        assertThat(card.language()).isEqualTo("ja-JP");
        assertThat(card.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(card.quietHoursAction()).isEqualTo(ContactCard.QuietHoursAction.Skip);
        assertThat(card.rateLimit()).isEqualTo(new ContactCard.RateLimit(3, Duration.ofMinutes(30)));
        // Quiet hours are the person's local time: Monday 2026-01-05 23:30 JST is 14:30Z.
        assertThat(card.isQuiet(Instant.parse("2026-01-05T14:30:00Z"))).isTrue();
        assertThat(card.isQuiet(Instant.parse("2026-01-05T03:00:00Z"))).as("Monday noon JST").isFalse();
        assertThat(card.isQuiet(Instant.parse("2026-01-10T03:00:00Z"))).as("Saturday noon JST").isTrue();
        assertThat(card.toString()).doesNotContain("+81", "taro@", "U0TARO", "山田");
    }

    @Test
    void aMinimalEntryGetsTheDefaults() throws Exception {
        ContactCard card = ContactCardReader.read("jiro", "phone: \"+815012345603\"\n");
        assertThat(card.smsNumber()).as("SMS go to the phone number").isEqualTo("+815012345603");
        assertThat(card.language()).isEqualTo("en-US");
        assertThat(card.quietHoursAction()).isEqualTo(ContactCard.QuietHoursAction.SMS);
        assertThat(card.rateLimit()).isEqualTo(ContactCard.RateLimit.DEFAULT);
        assertThat(card.isQuiet(Instant.parse("2026-01-05T14:30:00Z"))).isFalse();
    }

    @Test
    void errorsNameTheFieldButNeverTheValue() {
        assertThatThrownBy(() -> ContactCardReader.read("taro", "phone: \"0901234567\"\n"))
                .isInstanceOf(InvalidContact.class)
                .satisfies(e -> assertThat(((InvalidContact) e).field()).isEqualTo("phone"))
                .hasMessageContaining("contact taro: phone")
                .hasMessageNotContaining("0901234567");
        assertThatThrownBy(() -> ContactCardReader.read("taro", "phone: \"+815012345601\"\nphones: [\"+81\"]\n"))
                .hasMessageContaining("phones: unknown field");
        assertThatThrownBy(() -> ContactCardReader.read("taro", "email: \"taro at acme\"\n"))
                .hasMessageContaining("email").hasMessageNotContaining("taro at acme");
        assertThatThrownBy(() -> ContactCardReader.read("taro", "phone: [\"+815012345601\"\n"))
                .hasMessageContaining("not valid YAML").hasMessageNotContaining("+815012345601");
        assertThatThrownBy(() -> ContactCardReader.read("taro", "timeZone: Mars/Base\n")).hasMessageContaining("timeZone");
        assertThatThrownBy(() -> ContactCardReader.read("taro", "quietHours: [{startTime: \"25:00\", endTime: \"07:00\"}]\n"))
                .hasMessageContaining("quietHours[0]");
        assertThatThrownBy(() -> ContactCardReader.read("taro", "rateLimit: {calls: 0, per: 1h}\n"))
                .hasMessageContaining("rateLimit.calls");
        assertThatThrownBy(() -> ContactCardReader.read("taro", "quietHoursAction: Mute\n"))
                .hasMessageContaining("quietHoursAction");
    }

    @Test
    void theDirectoryReadsTheContactsSecretAndTheVaultFirst(@TempDir Path secrets) throws Exception {
        Path dir = Files.createDirectories(secrets.resolve("opsgate-acme").resolve("opsgate-contacts"));
        Files.writeString(dir.resolve("taro"), "phone: \"+815012345601\"\nlanguage: ja-JP\n");
        Files.writeString(dir.resolve("broken"), "phone: nope\n");
        Credentials credentials = new Credentials(secrets, true, (namespace, name) ->
                "opsgate-contacts".equals(name) ? Map.of("hanako", "phone: \"+815012345602\"\n") : null);
        ContactDirectory directory = new ContactDirectory(credentials, "opsgate-acme");

        assertThat(directory.find("taro")).isInstanceOfSatisfying(ContactDirectory.Lookup.Found.class,
                f -> assertThat(f.card().phone()).isEqualTo("+815012345601"));
        assertThat(directory.find("hanako")).isInstanceOfSatisfying(ContactDirectory.Lookup.Found.class,
                f -> assertThat(f.card().phone()).isEqualTo("+815012345602"));
        assertThat(directory.find("ghost")).isInstanceOf(ContactDirectory.Lookup.Missing.class);
        assertThat(directory.find("broken")).isInstanceOfSatisfying(ContactDirectory.Lookup.Invalid.class,
                i -> assertThat(i.reason()).contains("phone").doesNotContain("nope"));
    }
}
