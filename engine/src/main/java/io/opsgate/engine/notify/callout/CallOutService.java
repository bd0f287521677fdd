package io.opsgate.engine.notify.callout;

import io.opsgate.api.suspension.Suspension;
import io.opsgate.api.suspension.SuspensionSet;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.engine.notify.contacts.ContactDirectory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A tenant's call-outs: starts one {@link CallOutSession} per plan (unless an OperationsSuspension stops
 * call-outs for it), routes the provider's callbacks to the session of their attempt, and stops every
 * session of a ticket once it is acknowledged. One person is never in two calls about the same ticket at
 * once, and each person's rate limit spans all of the tenant's call-outs. Thread-safe: everything that
 * changes runs on the tenant's {@link TaskScheduler}.
 */
public final class CallOutService {

    /** Fallbacks may chain (a group falls back to a group ...); the compiler refuses circles, this bounds chains. */
    static final int MAX_FALLBACK_DEPTH = 10;
    /** How long the callbacks of a finished session are still answered (the provider reports calls that end late). */
    static final Duration CALLBACK_GRACE = Duration.ofHours(1);

    /**
     * What the callback route needs to answer for one attempt, readable from any thread.
     *
     * @param tenant   the tenant
     * @param channel  the CallOut channel whose account signs the callbacks
     * @param voice    the language the person is spoken to in
     * @param message  what the call says
     * @param session  the session the attempt belongs to
     */
    record AttemptInfo(String tenant, String channel, VoiceMessages.Voice voice, CallOutMessage message,
                       CallOutSession session) {
    }

    /** What sessions share; touched only on the scheduler's thread, except the attempt registry. */
    final class Context {
        final TaskScheduler scheduler = CallOutService.this.scheduler;
        final ContactDirectory directory = CallOutService.this.directory;
        final OnCallLookup onCall = CallOutService.this.onCall;
        final CallbackUrls urls = CallOutService.this.urls;
        final Backoff retry = CallOutService.this.retry;
        final DoubleSupplier random = CallOutService.this.random;
        final CallOutPorts ports = CallOutService.this.ports;
        final ActiveCalls activeCalls = new ActiveCalls();
        final CallRateLimiter rateLimiter = new CallRateLimiter();

        String newToken() {
            byte[] b = new byte[18];
            tokens.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }

        void register(String token, AttemptInfo info) {
            attempts.put(token, info);
        }

        void finished(CallOutSession session, String acknowledgedBy) {
            sessionEnded(session, acknowledgedBy);
        }

        void startFallbackGroup(CallOutPlan plan, String group) {
            startFallback(plan, group);
        }
    }

    private final String tenant;
    private final TaskScheduler scheduler;
    private final ContactDirectory directory;
    private final Function<String, Optional<CallOutChannel>> channels;
    private final Function<String, Optional<ContactGroupSpec>> groups;
    private final OnCallLookup onCall;
    private final Supplier<SuspensionSet> suspensions;
    private final CallOutPorts ports;
    private final CallbackUrls urls;
    private final Backoff retry;
    private final DoubleSupplier random;
    private final SecureRandom tokens = new SecureRandom();
    private final Context context;
    private final Map<String, AttemptInfo> attempts = new ConcurrentHashMap<>();
    /** Running sessions by ticket; scheduler thread only. */
    private final Map<Long, List<CallOutSession>> running = new HashMap<>();
    private long nextSession = 1;

    private CallOutService(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.channels = Objects.requireNonNull(b.channels, "channels");
        this.groups = b.groups;
        this.onCall = b.onCall;
        this.suspensions = b.suspensions;
        this.ports = Objects.requireNonNull(b.ports, "ports");
        this.urls = Objects.requireNonNull(b.urls, "urls");
        this.retry = b.retry;
        this.random = b.random;
        this.context = new Context();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a call-out; it runs on the scheduler, and the future completes once it has begun (or was refused). */
    public CompletableFuture<Void> start(CallOutPlan plan) {
        CompletableFuture<Void> begun = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                begin(plan);
                begun.complete(null);
            } catch (RuntimeException e) {
                begun.completeExceptionally(e);
            }
        });
        return begun;
    }

    private void begin(CallOutPlan plan) {
        Optional<CallOutChannel> channel = channels.apply(plan.channel());
        String sessionId = tenant + "/" + plan.ticketId() + "/" + nextSession++;
        if (channel.isEmpty()) {
            // The compiler only lets valid CallOut channels be named; this is a configuration that changed under us.
            ports.record(sessionEntry(plan, sessionId, CallResult.PROVIDER_ERROR,
                    "CallOut channel " + plan.channel() + " is not configured"));
            return;
        }
        // Checked when the call-out starts: one that is under way when a window opens goes on.
        Optional<Suspension> suspended = suspensions.get().suspendedBy(plan.suspensionSubject(), scheduler.now());
        if (suspended.isPresent()) {
            Suspension s = suspended.get();
            ports.record(sessionEntry(plan, sessionId, CallResult.SUSPENDED, "OperationsSuspension " + s.name()
                    + " (" + s.reason() + ", requested by " + s.requestedBy() + ")"));
            return;
        }
        CallOutSession session = new CallOutSession(context, plan, sessionId, channel.get());
        running.computeIfAbsent(plan.ticketId(), t -> new ArrayList<>()).add(session);
        session.start();
    }

    private CallAttempt sessionEntry(CallOutPlan plan, String sessionId, CallResult result, String detail) {
        CallAttempt e = new CallAttempt();
        e.tenant = plan.tenant();
        e.ticketId = plan.ticketId();
        e.level = plan.level();
        e.session = sessionId;
        e.target = plan.target();
        e.channel = plan.channel();
        e.sequence = 1;
        e.at = scheduler.now().toEpochMilli();
        e.result = result;
        e.detail = detail;
        e.title = plan.message().title();
        return e;
    }

    /** The ticket was acknowledged elsewhere (console, API, a link): every call-out for it stops. */
    public void acknowledgedElsewhere(long ticketId, String by) {
        scheduler.execute(() -> {
            for (CallOutSession s : List.copyOf(running.getOrDefault(ticketId, List.of()))) {
                s.stop(by);
            }
        });
    }

    /** How many call-outs run for the ticket; completes on the scheduler. */
    public CompletableFuture<Integer> running(long ticketId) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        scheduler.execute(() -> f.complete(running.getOrDefault(ticketId, List.of()).size()));
        return f;
    }

    /** The attempt a callback token belongs to, if it is still answered. */
    Optional<AttemptInfo> attempt(String token) {
        return Optional.ofNullable(attempts.get(token));
    }

    /** The account that signs the callbacks of a channel. */
    Optional<TwilioAccount> account(String channel) {
        try {
            return channels.apply(channel).map(c -> c.account().get());
        } catch (RuntimeException e) {
            // Credentials unreadable: no callback can be verified, so none is accepted.
            return Optional.empty();
        }
    }

    /** The provider says how a call ended. */
    void callStatus(String token, String status) {
        AttemptInfo info = attempts.get(token);
        if (info != null) {
            scheduler.execute(() -> info.session().onCallStatus(token, status));
        }
    }

    /** The provider says which key was pressed. */
    void keyPressed(String token, String digits) {
        AttemptInfo info = attempts.get(token);
        if (info != null) {
            scheduler.execute(() -> info.session().onKey(token, digits));
        }
    }

    private void sessionEnded(CallOutSession session, String acknowledgedBy) {
        List<CallOutSession> sessions = running.get(session.plan().ticketId());
        if (sessions != null) {
            sessions.remove(session);
            if (acknowledgedBy != null) {
                for (CallOutSession other : List.copyOf(sessions)) {
                    other.stop(acknowledgedBy);
                }
            }
            if (sessions.isEmpty()) {
                running.remove(session.plan().ticketId());
            }
        }
        scheduler.schedule(CALLBACK_GRACE, () -> attempts.values().removeIf(a -> a.session() == session));
    }

    private void startFallback(CallOutPlan plan, String group) {
        Optional<ContactGroupSpec> spec = groups.apply(group);
        if (spec.isEmpty() || plan.fallbackDepth() >= MAX_FALLBACK_DEPTH) {
            ports.record(sessionEntry(plan, tenant + "/" + plan.ticketId() + "/" + nextSession++, CallResult.EXHAUSTED,
                    spec.isEmpty() ? "fallback ContactGroup " + group + " is not configured"
                            : "fallback chain longer than " + MAX_FALLBACK_DEPTH));
            return;
        }
        begin(plan.continuedBy(CallOutPlan.forContactGroup(group, spec.get())).build());
    }

    /** Puts a service together; tenant, scheduler, directory, channels, ports and urls are required. */
    public static final class Builder {
        private String tenant;
        private TaskScheduler scheduler;
        private ContactDirectory directory;
        private Function<String, Optional<CallOutChannel>> channels;
        private Function<String, Optional<ContactGroupSpec>> groups = g -> Optional.empty();
        private OnCallLookup onCall = (schedule, at) -> Optional.empty();
        private Supplier<SuspensionSet> suspensions = SuspensionSet::none;
        private CallOutPorts ports;
        private CallbackUrls urls;
        private Backoff retry = Backoff.DEFAULT;
        private DoubleSupplier random = Math::random;

        private Builder() {
        }

        public Builder tenant(String v) {
            tenant = v;
            return this;
        }

        public Builder scheduler(TaskScheduler v) {
            scheduler = v;
            return this;
        }

        public Builder directory(ContactDirectory v) {
            directory = v;
            return this;
        }

        /** The tenant's CallOut channels by name. */
        public Builder channels(Function<String, Optional<CallOutChannel>> v) {
            channels = v;
            return this;
        }

        /** The tenant's contact groups by name, for fallbacks to a group. */
        public Builder groups(Function<String, Optional<ContactGroupSpec>> v) {
            groups = v;
            return this;
        }

        public Builder onCall(OnCallLookup v) {
            onCall = v;
            return this;
        }

        /** The tenant's suspensions as configured now. */
        public Builder suspensions(Supplier<SuspensionSet> v) {
            suspensions = v;
            return this;
        }

        public Builder ports(CallOutPorts v) {
            ports = v;
            return this;
        }

        public Builder urls(CallbackUrls v) {
            urls = v;
            return this;
        }

        /** Backoff of provider requests answered with 429, 5xx or nothing. */
        public Builder retry(Backoff v) {
            retry = v;
            return this;
        }

        /** Jitter of the backoff, uniform in [0, 1). */
        public Builder random(DoubleSupplier v) {
            random = v;
            return this;
        }

        public CallOutService build() {
            return new CallOutService(this);
        }
    }
}
