package io.opsgate.engine.mail;

import io.opsgate.engine.app.EngineServer;
import io.opsgate.engine.support.ConfigDir;
import io.opsgate.engine.support.EngineProcess;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.Standalone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.opsgate.engine.mail.RawMail.headers;
import static io.opsgate.engine.mail.RawMail.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP intake against senders that would read mail in the clear or exhaust the intake's memory (issue 13).
 */
class SmtpHostileIT {
    static final String TOKEN = "acme-admin-token-smtp-hostile-00000000000";
    static final int BIG = 50 * 1024 * 1024;
    static final String TENANT = """
            apiVersion: opsgate.io/v1alpha1
            kind: Tenant
            metadata: {name: acme}
            spec:
              apiTokens:
                - {name: admin, scopes: [Ingest, Read, Admin]}
              ingest:
                rateLimit: {perSecond: 100000, burst: 1000000}
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertSource
            metadata: {name: tls-only, namespace: opsgate-acme}
            spec:
              type: Mail
              mail:
                recipients: [tls@acme.example]
                requireTls: true
              alertname: TlsOnly
            ---
            apiVersion: opsgate.io/v1alpha1
            kind: AlertSource
            metadata: {name: big, namespace: opsgate-acme}
            spec:
              type: Mail
              mail:
                recipients: [big@acme.example]
                maxMessageBytes: 52428800
                patterns: [{field: body, regex: 'host=(?P<host>\\\\S+)'}]
              alertname: BigMail
            """;

    @TempDir
    Path root;

    @Test
    void aMailboxThatRequiresTlsTakesNoRecipientBeforeStarttls() throws Exception {
        ConfigDir dir = new ConfigDir(root).yaml("acme.yaml", TENANT).token("acme", "admin", TOKEN);
        try (EngineServer server = new EngineServer(Standalone.options(dir.configDir, dir.secretsDir, root.resolve("data"),
                "--tick=50", "--smtp-listen=127.0.0.1:0"), Clock.systemUTC()).start()) {
            SmtpClient.Result clear = new SmtpClient(server.smtpPort()).send("ops@acme.example",
                    headers("Subject: in the clear").body(lines("x")), "tls@acme.example");
            SmtpClient.Result secured = new SmtpClient(server.smtpPort()).startTls().send("ops@acme.example",
                    headers("Subject: over TLS").body(lines("x")), "tls@acme.example");

            assertThat(clear.code()).as("%s", clear).isEqualTo(530);
            assertThat(clear.message()).contains("STARTTLS");
            assertThat(secured.accepted()).as("%s", secured).isTrue();
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.get("/api/v2/alerts", TOKEN).body()).contains("over TLS").doesNotContain("in the clear");
        }
    }

    /**
     * 200 senders at once (the intake's connection limit), each with a 50 MiB mail, against an engine with a 96 MiB
     * heap: every sender gets an answer (250, or a temporary 452 to come back later), none a dropped connection, and
     * the process lives and takes the next mail. Read into memory, one such mail alone would not fit.
     */
    @Test
    void twoHundredConcurrentFiftyMebibyteMailsLeaveTheIntakeAliveInA96MebibyteHeap() throws Exception {
        ConfigDir dir = new ConfigDir(root).yaml("acme.yaml", TENANT).token("acme", "admin", TOKEN);
        try (EngineProcess engine = EngineProcess.start(root.resolve("engine.log"), Map.of(), List.of("-Xmx96m"),
                "standalone", "--config-dir=" + dir.configDir, "--secrets-dir=" + dir.secretsDir,
                "--data=" + root.resolve("data"), "--listen=127.0.0.1:0", "--smtp-listen=127.0.0.1:0")) {
            int port = engine.smtpPort();
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            ExecutorService senders = Executors.newFixedThreadPool(200);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                sent.add(senders.submit(() -> {
                    int code = sendBig(port, n);
                    answers.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(10, TimeUnit.MINUTES);
            }
            senders.shutdown();

            assertThat(answers.keySet()).as("%s", answers).isSubsetOf(250, 452);
            assertThat(answers.get(250)).as("%s", answers).isNotNull();
            SmtpClient.Result after = new SmtpClient(port).send("ops@acme.example",
                    headers("Subject: after the storm").body(lines("host=calm")), "big@acme.example");
            assertThat(after.accepted()).as("%s", after).isTrue();
            Http http = new Http("http://127.0.0.1:" + engine.port());
            assertThat(http.get("/api/v2/alerts", TOKEN).body()).contains("after the storm");
        }
    }

    /** One sender: the reply code to RCPT when it is not 250, else the reply to the end of DATA. */
    private static int sendBig(int port, int n) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(300_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            expect(in, "220");
            command(out, "EHLO sender-" + n);
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.startsWith("250-"));
            command(out, "MAIL FROM:<sender" + n + "@monitor.example>");
            expect(in, "250");
            command(out, "RCPT TO:<big@acme.example>");
            String rcpt = in.readLine();
            if (!rcpt.startsWith("250")) {
                command(out, "QUIT");
                return Integer.parseInt(rcpt.substring(0, 3));
            }
            command(out, "DATA");
            expect(in, "354");
            out.write(("From: sender" + n + "@monitor.example\r\nTo: big@acme.example\r\nSubject: big " + n
                    + "\r\n\r\nhost=big-" + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line72 = new byte[74];
            Arrays.fill(line72, (byte) 'x');
            line72[72] = '\r';
            line72[73] = '\n';
            // The whole mail, headers included, stays within the mailbox's 50 MiB.
            for (int written = 0; written < BIG - 64 * 1024; written += line72.length) {
                out.write(line72);
            }
            command(out, ".");
            String end = in.readLine();
            command(out, "QUIT");
            return Integer.parseInt(end.substring(0, 3));
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line = in.readLine();
        assertThat(line).startsWith(code);
    }
}
