package io.opsgate.engine.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.io.ByteArrayInputStream;
import java.util.Properties;

/** Jakarta Mail (Angus) as the client: sends raw bytes unchanged and reports the server's reply codes. */
final class SmtpClient {
    private final int port;
    private boolean startTls;
    private String user;
    private String password;

    SmtpClient(int port) {
        this.port = port;
    }

    /** STARTTLS required, trusting the intake's certificate, with AUTH. */
    SmtpClient tls(String user, String password) {
        this.startTls = true;
        this.user = user;
        this.password = password;
        return this;
    }

    SmtpClient startTls() {
        this.startTls = true;
        return this;
    }

    /** What the server answered: 250 when accepted, else the code of the refusal. */
    record Result(int code, String message) {
        boolean accepted() {
            return code == 250;
        }
    }

    Result send(String envelopeFrom, RawMail mail, String... recipients) throws MessagingException {
        return send(envelopeFrom, mail.toBytes(), recipients);
    }

    Result send(String envelopeFrom, byte[] raw, String... recipients) throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.from", envelopeFrom);
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "30000");
        p.setProperty("mail.smtp.writetimeout", "30000");
        p.setProperty("mail.smtp.sendpartial", "true");
        if (startTls) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            p.setProperty("mail.smtp.ssl.trust", "*");
        }
        if (user != null) {
            p.setProperty("mail.smtp.auth", "true");
        }
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Address[] to = new Address[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            to[i] = new InternetAddress(recipients[i]);
        }
        try (Transport t = session.getTransport("smtp")) {
            t.connect(user, password);
            t.sendMessage(message, to);
            return new Result(250, "");
        } catch (MessagingException e) {
            for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
                if (x instanceof SMTPAddressFailedException a) {
                    return new Result(a.getReturnCode(), a.getMessage());
                }
                if (x instanceof SMTPSendFailedException s) {
                    return new Result(s.getReturnCode(), s.getMessage());
                }
            }
            throw e;
        }
    }
}
