package io.opsgate.engine.mail;

import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.sources.MailSource;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One mail on the SMTP intake, from MAIL FROM to the end of DATA. Each recipient is checked when it is named
 * (owner tenant, the tenant's allowed addresses, AUTH, the sender allow list, the declared size); the mail is
 * then read once and, for each tenant it is addressed to, made into that tenant's alerts and taken through
 * the tenant's pipeline like any alert. The 250 goes out only when every tenant's store has them; a mail
 * addressed to two tenants becomes an alert of each, never one tenant's alert in the other's store. Only the mail's
 * head is kept in memory, in room reserved from the intake's {@link MailBuffers} at the first recipient.
 */
final class MailTransaction implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MailTransaction.class);
    private static final long STORE_WAIT_SECONDS = 30;
    /** Past this much beyond the limit a sender is cut off instead of heard out. */
    private static final long DRAIN_MAX = 64L * 1024 * 1024;

    private final MessageContext ctx;
    private final RecipientRouter router;
    private final EngineMetrics metrics;
    private final MailBuffers buffers;
    private final Map<TenantRuntime, List<MailSource>> byTenant = new LinkedHashMap<>();
    private String sender = "";
    /** Room reserved for this mail's head; 0 until the first recipient is accepted. */
    private int reserved;

    MailTransaction(MessageContext ctx, RecipientRouter router, EngineMetrics metrics, MailBuffers buffers) {
        this.ctx = ctx;
        this.router = router;
        this.metrics = metrics;
        this.buffers = buffers;
    }

    @Override
    public void from(String from) {
        sender = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        List<RecipientRouter.Route> claims = router.claims(recipient);
        if (claims.isEmpty()) {
            metrics.mailRejectedBeforeTenant("unknown_recipient");
            throw new RejectException(550, "5.1.1 <" + recipient + ">: no such recipient here");
        }
        if (claims.size() > 1) {
            metrics.mailRejectedBeforeTenant("ambiguous_recipient");
            throw new RejectException(451, "4.3.0 <" + recipient + "> is claimed by more than one tenant of this "
                    + "server; try again once its configuration is fixed");
        }
        TenantRuntime tenant = claims.get(0).tenant();
        MailSource source = claims.get(0).source();
        InetAddress peer = peer();
        if (peer == null || !tenant.config().allows(peer)) {
            refuse(tenant, "address_not_allowed", 550, "5.7.1 <" + recipient + ">: your address "
                    + (peer == null ? "(unknown)" : peer.getHostAddress()) + " may not send to this recipient");
        }
        if (source.requireTls && !(ctx instanceof Session s && s.isTLSStarted())) {
            refuse(tenant, "tls_required", 530, "5.7.0 Must issue a STARTTLS command first: <" + recipient
                    + "> takes mail over TLS only");
        }
        if (source.authSecret != null) {
            MailAuthenticator.Grants grants = grants();
            if (grants == null) {
                refuse(tenant, "auth_required", 530, "5.7.0 Authentication required to send to <" + recipient + ">");
            } else if (!grants.allows(tenant.name(), source.authSecret)) {
                refuse(tenant, "auth_required", 550, "5.7.1 <" + recipient + ">: the credentials used may not send "
                        + "to this recipient");
            }
        }
        if (!source.allowsSender(sender)) {
            refuse(tenant, "sender_not_allowed", 550, "5.7.1 sender <" + sender + "> is not allowed to send to <"
                    + recipient + ">");
        }
        int declared = ctx instanceof Session s ? s.getDeclaredMessageSize() : 0;
        if (declared > source.maxMessageBytes) {
            refuse(tenant, "too_large", 552, "5.3.4 the declared size " + declared + " exceeds the limit of "
                    + source.maxMessageBytes + " bytes for <" + recipient + ">");
        }
        if (reserved == 0) {
            int head = Math.min(MailBuffers.HEAD_MAX, declared > 0 ? declared : source.maxMessageBytes);
            if (!buffers.reserve(head)) {
                refuse(tenant, "busy", 452, "4.3.1 too many mails are being received; try again later");
            }
            reserved = head;
        }
        List<MailSource> sources = byTenant.computeIfAbsent(tenant, t -> new ArrayList<>(1));
        if (!sources.contains(source)) {
            sources.add(source);
        }
    }

    private static void refuse(TenantRuntime tenant, String reason, int code, String message) throws RejectException {
        tenant.meters().mailRejected(reason);
        throw new RejectException(code, message);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        int limit = Integer.MAX_VALUE;
        for (List<MailSource> sources : byTenant.values()) {
            for (MailSource s : sources) {
                limit = Math.min(limit, s.maxMessageBytes);
            }
        }
        Head head = Head.read(data, reserved, limit);
        if (head == null) {
            byTenant.keySet().forEach(t -> {
                t.meters().mailReceived();
                t.meters().mailRejected("too_large");
            });
            String message = "5.3.4 the message exceeds the limit of " + limit + " bytes";
            if (!drain(data)) {
                throw new DropConnectionException(552, message);
            }
            throw new RejectException(552, message);
        }
        MailReader.ReadMail mail;
        try {
            buffers.startReading();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectException(451, "4.3.0 the intake is stopping; try again later");
        }
        try {
            mail = MailReader.read(head.bytes(), sender, head.total());
        } finally {
            buffers.doneReading();
        }
        Map<TenantRuntime, CompletableFuture<Void>> stored = new LinkedHashMap<>();
        boolean rateLimited = false;
        for (Map.Entry<TenantRuntime, List<MailSource>> e : byTenant.entrySet()) {
            TenantRuntime tenant = e.getKey();
            tenant.meters().mailReceived();
            List<IncomingAlert> alerts = new ArrayList<>();
            for (MailSource s : e.getValue()) {
                alerts.add(s.alert(mail.subject(), mail.from(), mail.body(), mail.warnings(), tenant.config().limits));
            }
            if (alerts.stream().anyMatch(a -> a.annotations().containsKey(MailSource.PARSE_WARNING))) {
                tenant.meters().mailParseWarning();
            }
            if (tenant.rateLimiter().acquire(alerts.size(), System.nanoTime()) > 0) {
                tenant.meters().mailRejected("rate_limited");
                tenant.meters().rejected("rate_limited", alerts.size());
                rateLimited = true;
                continue;
            }
            tenant.meters().received("mail", alerts.size());
            stored.put(tenant, tenant.ingest(alerts));
        }
        boolean failed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STORE_WAIT_SECONDS);
        for (Map.Entry<TenantRuntime, CompletableFuture<Void>> e : stored.entrySet()) {
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                e.getKey().meters().mailAccepted();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failed = true;
            } catch (Exception ex) {
                LOG.error("mail for tenant {} could not be stored: {}", e.getKey().name(), ex.toString());
                e.getKey().meters().mailRejected("store");
                failed = true;
            }
        }
        // Any tenant not served makes the sender retry the whole mail; a tenant already served counts a repeat.
        if (failed) {
            throw new RejectException(451, "4.3.0 the alert could not be stored; try again later");
        }
        if (rateLimited) {
            throw new RejectException(451, "4.7.0 the tenant's alert rate limit is exceeded; try again later");
        }
        return "2.0.0 Ok: stored";
    }

    /**
     * What is kept of a mail: its first bytes, up to the room reserved, and how long it was.
     *
     * @param bytes the head (the whole mail when it fits)
     * @param total the mail's length
     */
    private record Head(byte[] bytes, long total) {
        /** Reads the message, keeping its head; null when it is longer than {@code limit} (the rest is left unread). */
        static Head read(InputStream in, int room, int limit) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(room, 64 * 1024));
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (total + n > limit) {
                    return null;
                }
                int keep = (int) Math.max(0, Math.min(n, room - total));
                out.write(buf, 0, keep);
                total += n;
            }
            return new Head(out.toByteArray(), total);
        }
    }

    /** Reads what is left of DATA so the sender hears the 552; false when there is too much to listen to. */
    private static boolean drain(InputStream in) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > DRAIN_MAX) {
                return false;
            }
        }
        return true;
    }

    private InetAddress peer() {
        return ctx.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private MailAuthenticator.Grants grants() {
        return ctx.getAuthenticationHandler().map(AuthenticationHandler::getIdentity)
                .filter(MailAuthenticator.Grants.class::isInstance).map(MailAuthenticator.Grants.class::cast)
                .orElse(null);
    }

    @Override
    public void done() {
        buffers.release(reserved);
        reserved = 0;
    }
}
