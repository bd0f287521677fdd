package io.opsgate.engine.notify.channels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials from mounted Secret files: both layouts, a changed Secret, absent and empty keys, redaction. */
class CredentialsTest {
    @TempDir
    Path dir;

    private Path write(String relative, String value) throws Exception {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, value);
        return f;
    }

    @Test
    void aClusterReadsSecretKeyAndStandaloneNamespaceSecretKey() throws Exception {
        write("hook/hmacKey", "cluster-key\n");
        write("opsgate-acme/hook/hmacKey", "  standalone-key \n");
        assertThat(new Credentials(dir, false).read("opsgate-acme", "hook", "hmacKey")).isEqualTo("cluster-key");
        assertThat(new Credentials(dir, true).read("opsgate-acme", "hook", "hmacKey")).isEqualTo("standalone-key");
        assertThat(new Credentials(dir, false).file("ns", "s", "k")).isEqualTo(dir.resolve("s/k"));
    }

    @Test
    void aChangedSecretIsReadAgain() throws Exception {
        Credentials c = new Credentials(dir, false);
        Path f = write("slack/url", "https://hooks.example/old");
        assertThat(c.read("ns", "slack", "url")).isEqualTo("https://hooks.example/old");
        Files.writeString(f, "https://hooks.example/rotated");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(c.read("ns", "slack", "url")).isEqualTo("https://hooks.example/rotated");
    }

    @Test
    void anAbsentOrEmptyKeyNamesTheFileButNoValue() throws Exception {
        Credentials c = new Credentials(dir, false);
        assertThatThrownBy(() -> c.read("ns", "pd", "routingKey")).isInstanceOf(MissingCredential.class)
                .hasMessageContaining("credential pd/routingKey is missing").hasMessageContaining(dir.toString());
        write("pd/routingKey", " \n");
        assertThatThrownBy(() -> c.read("ns", "pd", "routingKey")).isInstanceOf(MissingCredential.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void errorTextIsCleanedOfEveryCredentialRead() throws Exception {
        Credentials c = new Credentials(dir, false);
        write("smtp/password", "hunter2-password");
        write("slack/url", "https://hooks.slack.example/T0/B0/secretpath");
        c.read("ns", "smtp", "password");
        c.read("ns", "slack", "url");
        assertThat(c.redact("535 auth failed for hunter2-password at https://hooks.slack.example/T0/B0/secretpath"))
                .isEqualTo("535 auth failed for *** at ***");
        assertThat(c.redact(null)).isNull();
    }
}
