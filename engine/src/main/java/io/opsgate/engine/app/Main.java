package io.opsgate.engine.app;

import io.opsgate.api.audit.VerifyLogCommand;

import java.time.Clock;

/** {@code java -jar opsgate-engine.jar <standalone|ingest|notify|verify-log|log-key|import|test|hash-password> [options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(VerifyLogCommand.NAME)) {
            System.exit(VerifyLogCommand.run("opsgate-engine.jar", args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals(LogKeyCommand.NAME)) {
            System.exit(LogKeyCommand.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(io.opsgate.engine.importer.ImportCommand.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals(io.opsgate.engine.ruletest.RuleTestCommand.NAME)) {
            System.exit(io.opsgate.engine.ruletest.RuleTestCommand.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("hash-password")) {
            System.exit(io.opsgate.engine.identity.HashPasswordCommand.run(new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)), System.out, System.err));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("opsgate: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        EngineServer server = new EngineServer(options, Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        System.out.println("opsgate " + options.mode() + " listening on " + (options.security().tls() ? "https" : "http")
                + "://" + host + ":" + server.port()
                + " (tenants: " + String.join(", ", server.registry().tenants().keySet()) + ")");
        if (server.smtpPort() > 0) {
            String smtpHost = options.smtp().host().contains(":") ? "[" + options.smtp().host() + "]" : options.smtp().host();
            System.out.println("opsgate " + options.mode() + " SMTP intake on smtp://" + smtpHost + ":" + server.smtpPort());
        }
        if (server.metricsPort() > 0) {
            String metricsHost = options.security().metricsHost();
            System.out.println("opsgate " + options.mode() + " metrics on http://"
                    + (metricsHost.contains(":") ? "[" + metricsHost + "]" : metricsHost) + ":" + server.metricsPort());
        }
        System.out.flush();
    }
}
