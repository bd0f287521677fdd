package io.opsgate.engine.notify.channels;

import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec.EmailSettings.SmtpSecurity;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressRefusedException;
import io.opsgate.engine.egress.GuardedSockets;
import io.opsgate.engine.notify.Notification;
import io.opsgate.engine.notify.templates.DefaultTemplates;
import io.opsgate.engine.notify.templates.Escaper;
import io.opsgate.engine.notify.templates.RenderedMessage;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Mail over SMTP with Jakarta Mail (Angus): StartTLS required (the upgrade must happen), TLS (implicit)
 * or None; SMTP AUTH with the Secret's {@code username} and {@code password} when the channel has a
 * secretRef; a multipart message with a text and an HTML part. The Message-ID is derived from the
 * idempotency key, so a mail system that drops duplicates by Message-ID sees a retry once.
 * Server identity is checked against the host name on TLS. The connection goes only where the tenant's egress
 * allows (its sockets are opened by the tenant's {@link EgressGate}). SMTP blocks, so it runs on the mail threads.
 */
final class EmailChannel implements Channel {
    static final int TIMEOUT_MILLIS = 15_000;

    private final String namespace;
    private final NotificationChannelSpec spec;
    private final ChannelContext ctx;
    private final GuardedSockets sockets;

    EmailChannel(String namespace, NotificationChannelSpec spec, ChannelContext ctx, EgressGate gate) {
        this.namespace = namespace;
        this.spec = spec;
        this.ctx = ctx;
        this.sockets = new GuardedSockets(gate);
    }

    @Override
    public CompletableFuture<Outcome> send(Notification n) {
        return CompletableFuture.supplyAsync(() -> sendNow(n), ctx.mailExecutor());
    }

    private Outcome sendNow(Notification n) {
        NotificationChannelSpec.EmailSettings mail = spec.email;
        if (mail == null || mail.host == null || mail.to == null || mail.to.isEmpty()) {
            return Outcome.permanent(0, "the channel has no email host or recipients");
        }
        String user = null;
        String password = null;
        if (spec.secretRef != null) {
            try {
                user = ctx.credentials().read(namespace, spec.secretRef.name, "username");
                password = ctx.credentials().read(namespace, spec.secretRef.name, "password");
            } catch (MissingCredential e) {
                return Outcome.permanent(0, e.getMessage());
            }
        }
        SmtpSecurity security = mail.security == null ? SmtpSecurity.StartTLS : mail.security;
        int port = mail.port == null ? 587 : mail.port;
        Session session = Session.getInstance(properties(security, user != null));
        try {
            MimeMessage message = message(session, n);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(mail.host, port, user, password);
                transport.sendMessage(message, message.getAllRecipients());
            }
            return Outcome.delivered(250);
        } catch (AuthenticationFailedException e) {
            return Outcome.permanent(535, "SMTP authentication failed" + detail(e));
        } catch (MessagingException e) {
            EgressRefusedException refused = refusal(e);
            if (refused != null) {
                return Outcome.permanent(0, "refused: " + ctx.credentials().redact(refused.getMessage()));
            }
            return classify(e);
        } catch (RuntimeException e) {
            return Outcome.retry(0, 0, ctx.credentials().redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private Properties properties(SmtpSecurity security, boolean auth) {
        Properties p = new Properties();
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.auth", Boolean.toString(auth));
        p.put("mail.smtp.localhost", "opsgate");
        // Every connection is opened by the tenant's gate; TLS is layered on it keeping the host name.
        p.put("mail.smtp.socketFactory", sockets);
        p.put("mail.smtp.socketFactory.fallback", "false");
        switch (security) {
            case StartTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.socketFactory", sockets.tls(ctx.tlsSocketFactory()));
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.socketFactory", sockets.tls(ctx.tlsSocketFactory()));
                p.put("mail.smtp.ssl.socketFactory.fallback", "false");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
            }
        }
        return p;
    }

    private MimeMessage message(Session session, Notification n) throws MessagingException {
        RenderedMessage m = RenderedMessage.render(ctx.templates(), spec, n, Escaper.NONE, DefaultTemplates.TEXT);
        String html = RenderedMessage.html(ctx.templates(), spec, n);
        String messageId = "<" + n.idempotencyKey() + "@opsgate>";
        MimeMessage msg = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        msg.setFrom(new InternetAddress(spec.email.from));
        for (String to : spec.email.to) {
            msg.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        msg.setSubject(RenderedMessage.cut(m.title(), 250), "UTF-8");
        msg.setSentDate(Date.from(ctx.clock().instant()));
        msg.setHeader("X-Opsgate-Idempotency-Key", n.idempotencyKey());
        msg.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(m.body(), "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(htmlPart);
        msg.setContent(alternative);
        msg.saveChanges();
        return msg;
    }

    /** A reply code 4xx is temporary, 5xx permanent; no reply (connection, TLS, timeout) is retried. */
    private Outcome classify(MessagingException e) {
        int code = replyCode(e);
        String text = "SMTP " + (code > 0 ? code + " " : "") + "failed" + detail(e);
        if (code >= 500 || (e.getMessage() != null && e.getMessage().contains("STARTTLS is required"))) {
            return Outcome.permanent(code, text);
        }
        return Outcome.retry(code, 0, text);
    }

    /** The gate's refusal behind a failed connect, if that is what it was. */
    private static EgressRefusedException refusal(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EgressRefusedException r) {
                return r;
            }
            if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t
                    && m.getNextException() instanceof EgressRefusedException r) {
                return r;
            }
        }
        return null;
    }

    private static int replyCode(MessagingException e) {
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (e instanceof SendFailedException && e.getNextException() instanceof MessagingException next && next != e) {
            return replyCode(next);
        }
        return 0;
    }

    private String detail(MessagingException e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth++ < 3) {
            String msg = t.getMessage();
            sb.append(": ").append(t.getClass().getSimpleName());
            if (msg != null) {
                sb.append(' ').append(msg.strip().replaceAll("\\s+", " "));
            }
            t = t.getCause() != t ? t.getCause() : null;
        }
        return ctx.credentials().redact(sb.toString());
    }
}
