package io.opsgate.engine.notify.channels;

import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.notify.templates.Templates;

import javax.net.ssl.SSLSocketFactory;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What channels share: templates, the HTTP sender, credentials, the threads SMTP blocks on, the TLS
 * socket factory SMTP uses (the JVM's default trust unless a test gives its own), the clock, and how host names
 * resolve for the tenants' egress gates (the system's unless a test gives its own).
 */
public record ChannelContext(Templates templates, HttpSender http, Credentials credentials, Executor mailExecutor,
                             SSLSocketFactory tlsSocketFactory, Clock clock, EgressGate.Resolver resolver) {
}
