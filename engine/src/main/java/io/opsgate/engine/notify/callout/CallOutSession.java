package io.opsgate.engine.notify.callout;

import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.CallOutSettings.ContactMethod;
import io.opsgate.engine.notify.contacts.ContactCard;
import io.opsgate.engine.notify.contacts.ContactDirectory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One call-out for one ticket: contacts the plan's members in order, one at a time, each until they
 * acknowledge, the call ends unanswered, or the attempt timeout passes; round after round; then the
 * fallback. Pressing 1 (or an acknowledgement from anywhere else) stops it. Every step is recorded as a
 * {@link CallAttempt}. Runs only on the tenant's {@link TaskScheduler} thread.
 */
final class CallOutSession {

    private static final String VOICE = "voice";
    private static final String SMS = "sms";

    /** One contact of one person. */
    private final class Attempt {
        final String token;
        final String person;
        final ContactCard card;
        final int round;
        final int position;
        final boolean voice;
        String callId;
        /** The provider reported a final call status, or the call was hung up: the person is free again. */
        boolean ended;
        /** The session has moved on from this attempt (its result is recorded). */
        boolean finished;
        TaskScheduler.Cancellable timer;

        Attempt(String token, String person, ContactCard card, int round, int position, boolean voice) {
            this.token = token;
            this.person = person;
            this.card = card;
            this.round = round;
            this.position = position;
            this.voice = voice;
        }
    }

    private final CallOutService.Context ctx;
    private final CallOutPlan plan;
    private final String id;
    private final CallOutChannel channel;
    private final Map<String, Attempt> attempts = new HashMap<>();
    private int round = 1;
    private int position;
    private int sequence;
    private boolean done;
    private Attempt current;

    CallOutSession(CallOutService.Context ctx, CallOutPlan plan, String id, CallOutChannel channel) {
        this.ctx = ctx;
        this.plan = plan;
        this.id = id;
        this.channel = channel;
    }

    String id() {
        return id;
    }

    CallOutPlan plan() {
        return plan;
    }

    boolean isDone() {
        return done;
    }

    void start() {
        next();
    }

    /** Contacts the next member who can be contacted now, or ends the rounds. */
    private void next() {
        current = null;
        while (!done) {
            if (position >= plan.members().size()) {
                round++;
                position = 0;
            }
            if (round > plan.rounds()) {
                exhausted();
                return;
            }
            int pos = position++;
            CallOutPlan.Member member = plan.members().get(pos);
            Instant now = ctx.scheduler.now();
            String person;
            if (member instanceof CallOutPlan.Member.Schedule s) {
                person = ctx.onCall.onCall(s.name(), now).orElse(null);
                if (person == null) {
                    CallAttempt e = entry(CallResult.NOBODY_ON_CALL, null, null, round, pos + 1);
                    e.detail = "nobody is on call in " + s.name();
                    emit(e);
                    continue;
                }
            } else {
                person = ((CallOutPlan.Member.Person) member).id();
            }
            ContactDirectory.Lookup lookup = ctx.directory.find(person);
            if (!(lookup instanceof ContactDirectory.Lookup.Found found)) {
                String why = lookup instanceof ContactDirectory.Lookup.Invalid i ? i.reason() : "no entry in the contacts";
                skipped(CallResult.NO_CONTACT, person, pos + 1, why);
                continue;
            }
            ContactCard card = found.card();
            boolean quiet = card.isQuiet(now);
            if (quiet && card.quietHoursAction() == ContactCard.QuietHoursAction.Skip) {
                skipped(CallResult.QUIET_HOURS_SKIPPED, person, pos + 1, "quiet hours");
                continue;
            }
            boolean voice = !quiet && plan.method() != ContactMethod.SMS && card.phone() != null;
            boolean sms = (quiet || plan.method() != ContactMethod.Voice) && card.smsNumber() != null;
            if (!voice && !sms) {
                skipped(CallResult.NO_CONTACT, person, pos + 1, quiet ? "quiet hours, and no number for SMS" : "no phone number");
                continue;
            }
            if (voice && ctx.activeCalls.isClaimed(plan.ticketId(), person)) {
                // Another call about this ticket has the person on the line: call them once it has ended.
                position = pos;
                ctx.activeCalls.whenReleased(plan.ticketId(), person, this::resumeAfterWait);
                return;
            }
            if (!ctx.rateLimiter.tryAcquire(person, card.rateLimit(), now)) {
                skipped(CallResult.RATE_LIMITED, person, pos + 1, "rate limit of " + card.rateLimit().calls()
                        + " call-outs per " + Durations.format(card.rateLimit().per()) + " reached");
                continue;
            }
            begin(person, card, pos + 1, voice, sms, quiet);
            return;
        }
    }

    private void resumeAfterWait() {
        if (!done) {
            next();
        }
    }

    private void begin(String person, ContactCard card, int pos, boolean voice, boolean sms, boolean quiet) {
        Attempt a = new Attempt(ctx.newToken(), person, card, round, pos, voice);
        attempts.put(a.token, a);
        current = a;
        VoiceMessages.Voice language = VoiceMessages.voiceFor(card.language());
        ctx.register(a.token, new CallOutService.AttemptInfo(plan.tenant(), channel.name(), language, plan.message(), this));
        if (voice) {
            ctx.activeCalls.tryClaim(plan.ticketId(), person, a);
            URI script = ctx.urls.of(plan.tenant(), a.token, CallbackUrls.Kind.TWIML);
            URI status = ctx.urls.of(plan.tenant(), a.token, CallbackUrls.Kind.STATUS);
            CallRequest request = new CallRequest(card.phone(), channel.from(), script, status, ringTimeout());
            send(a, VOICE, () -> channel.provider().call(request), answer -> onCallAnswer(a, answer), 1);
        }
        if (sms) {
            SmsRequest request = new SmsRequest(card.smsNumber(), channel.smsFrom(), VoiceMessages.sms(language, plan.message()));
            boolean only = !voice;
            String why = quiet ? "quiet hours: SMS instead of a call" : null;
            send(a, SMS, () -> channel.provider().sms(request), answer -> onSmsAnswer(a, answer, only, why), 1);
        }
    }

    /** Rings for a little less than the attempt timeout, within what providers allow. */
    private Duration ringTimeout() {
        long seconds = Math.min(60, Math.max(15, plan.attemptTimeout().toSeconds() - 10));
        return Duration.ofSeconds(seconds);
    }

    /**
     * Sends a request, trying again after a backoff while the provider answers 429, 5xx or not at all, one
     * request at a time; {@code onFinal} gets the first answer that is not a retry, or the last retry.
     */
    private void send(Attempt a, String method, Supplier<CompletableFuture<ProviderAnswer>> request,
                      Consumer<ProviderAnswer> onFinal, int tryNumber) {
        CompletableFuture<ProviderAnswer> f;
        try {
            f = request.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(ProviderAnswer.rejected(0, e.getClass().getSimpleName()));
        }
        f.whenComplete((answer, failure) -> ctx.scheduler.execute(() -> {
            ProviderAnswer ans = failure != null ? ProviderAnswer.retry(0, 0, failure.getClass().getSimpleName()) : answer;
            if (ans.kind() == ProviderAnswer.Kind.RETRY && tryNumber < ctx.retry.maxTries() && wanted(a, method)) {
                long delay = ctx.retry.delayAfter(tryNumber, ans.retryAfterMillis(), ctx.random);
                Instant again = ctx.scheduler.now().plusMillis(delay);
                CallAttempt e = entry(CallResult.PROVIDER_RETRY, a, method);
                e.httpStatus = ans.httpStatus();
                e.detail = (ans.error() == null ? "" : ans.error() + "; ") + "try " + (tryNumber + 1) + " of "
                        + ctx.retry.maxTries() + " after " + delay + " ms";
                e.nextAttemptAt = again.toEpochMilli();
                emit(e);
                ctx.scheduler.schedule(Duration.ofMillis(delay), () -> {
                    if (wanted(a, method)) {
                        send(a, method, request, onFinal, tryNumber + 1);
                    } else {
                        onFinal.accept(ProviderAnswer.rejected(0, "no longer needed"));
                    }
                });
                return;
            }
            onFinal.accept(ans);
        }));
    }

    /** Whether a request of the attempt is still worth retrying. */
    private boolean wanted(Attempt a, String method) {
        return VOICE.equals(method) && a.callId != null ? !a.ended : !done && !a.finished;
    }

    private void onCallAnswer(Attempt a, ProviderAnswer answer) {
        if (answer.kind() == ProviderAnswer.Kind.ACCEPTED) {
            a.callId = answer.id();
            if (done || a.finished) {
                hangUp(a);
            } else {
                a.timer = ctx.scheduler.schedule(plan.attemptTimeout(), () -> onTimeout(a));
            }
            return;
        }
        a.ended = true;
        ctx.activeCalls.release(plan.ticketId(), a.person, a);
        if (done || a.finished) {
            return;
        }
        failed(a, VOICE, answer);
        a.finished = true;
        if (a == current) {
            next();
        }
    }

    private void onSmsAnswer(Attempt a, ProviderAnswer answer, boolean smsOnly, String why) {
        if (answer.kind() == ProviderAnswer.Kind.ACCEPTED) {
            CallAttempt e = entry(CallResult.SMS_SENT, a.person, SMS, a.round, a.position);
            e.providerId = answer.id();
            e.httpStatus = answer.httpStatus();
            e.detail = why;
            emit(e);
            if (smsOnly && !done && !a.finished) {
                a.timer = ctx.scheduler.schedule(plan.attemptTimeout(), () -> onTimeout(a));
            }
            return;
        }
        if (done) {
            return;
        }
        CallAttempt e = entry(CallResult.PROVIDER_ERROR, a.person, SMS, a.round, a.position);
        e.httpStatus = answer.httpStatus();
        e.detail = answer.error();
        emit(e);
        if (smsOnly && !a.finished) {
            a.finished = true;
            if (a == current) {
                next();
            }
        }
    }

    private void onTimeout(Attempt a) {
        if (done || a.finished) {
            return;
        }
        a.finished = true;
        CallAttempt e = entry(CallResult.TIMED_OUT, a, a.voice ? VOICE : SMS);
        e.detail = "no acknowledgement within " + Durations.format(plan.attemptTimeout());
        emit(e);
        if (a.voice && !a.ended) {
            hangUp(a);
        }
        if (a == current) {
            next();
        }
    }

    /** Ends a call that may still ring; the person is free once it has ended. */
    private void hangUp(Attempt a) {
        if (a.callId == null || a.ended) {
            return;
        }
        String callId = a.callId;
        send(a, VOICE, () -> channel.provider().hangUp(callId), answer -> {
            // Accepted: the call has ended. Refused for good: it most likely had ended already.
            a.ended = true;
            ctx.activeCalls.release(plan.ticketId(), a.person, a);
        }, 1);
    }

    /** The provider reports a call's status. */
    void onCallStatus(String token, String status) {
        Attempt a = attempts.get(token);
        CallResult result = switch (status == null ? "" : status) {
            case "completed" -> CallResult.ANSWERED_WITHOUT_ACK;
            case "no-answer" -> CallResult.NO_ANSWER;
            case "busy" -> CallResult.BUSY;
            case "failed" -> CallResult.FAILED;
            case "canceled" -> CallResult.CANCELED;
            default -> null;
        };
        if (a == null || result == null) {
            return;
        }
        a.ended = true;
        ctx.activeCalls.release(plan.ticketId(), a.person, a);
        if (done || a.finished) {
            return;
        }
        a.finished = true;
        cancel(a);
        emit(entry(result, a, VOICE));
        if (a == current) {
            next();
        }
    }

    /** The provider reports a key the person pressed; 1 acknowledges. */
    void onKey(String token, String digits) {
        Attempt a = attempts.get(token);
        if (a == null || done || !"1".equals(digits)) {
            return;
        }
        done = true;
        a.finished = true;
        cancel(a);
        emit(entry(CallResult.ACKNOWLEDGED, a, VOICE));
        for (Attempt other : attempts.values()) {
            cancel(other);
            if (other != a && other.voice) {
                hangUp(other);
            }
        }
        ctx.ports.acknowledged(plan.ticketId(), a.person, ctx.scheduler.now());
        ctx.finished(this, a.person);
    }

    /** The ticket was acknowledged elsewhere: stop calling. */
    void stop(String by) {
        if (done) {
            return;
        }
        done = true;
        for (Attempt a : attempts.values()) {
            cancel(a);
            if (a.voice) {
                hangUp(a);
            }
        }
        emit(entry(CallResult.STOPPED, "acknowledged by " + by));
        ctx.finished(this, null);
    }

    private void exhausted() {
        done = true;
        String rounds = plan.rounds() + (plan.rounds() == 1 ? " round" : " rounds");
        CallOutPlan.Fallback fallback = plan.fallback();
        if (fallback instanceof CallOutPlan.Fallback.Channel c) {
            emit(entry(CallResult.FALLBACK, "nobody acknowledged in " + rounds + "; notifying channel " + c.name()));
            ctx.ports.notifyFallbackChannel(plan, c.name());
        } else if (fallback instanceof CallOutPlan.Fallback.Group g) {
            emit(entry(CallResult.FALLBACK, "nobody acknowledged in " + rounds + "; calling ContactGroup " + g.name()));
            ctx.startFallbackGroup(plan, g.name());
        } else {
            emit(entry(CallResult.EXHAUSTED, "nobody acknowledged in " + rounds + "; no fallback"));
        }
        ctx.finished(this, null);
    }

    private void cancel(Attempt a) {
        if (a.timer != null) {
            a.timer.cancel();
            a.timer = null;
        }
    }

    private void skipped(CallResult result, String person, int pos, String why) {
        CallAttempt e = entry(result, person, null, round, pos);
        e.detail = why;
        emit(e);
    }

    private void failed(Attempt a, String method, ProviderAnswer answer) {
        CallAttempt e = entry(CallResult.PROVIDER_ERROR, a, method);
        e.httpStatus = answer.httpStatus();
        e.detail = answer.error();
        emit(e);
    }

    /** A record entry of this session, without the details of the result. */
    private CallAttempt entry(CallResult result, String person, String method, int inRound, int pos) {
        CallAttempt e = new CallAttempt();
        e.tenant = plan.tenant();
        e.ticketId = plan.ticketId();
        e.level = plan.level();
        e.session = id;
        e.target = plan.target();
        e.channel = channel.name();
        e.person = person;
        e.method = method;
        e.round = inRound;
        e.position = pos;
        e.at = ctx.scheduler.now().toEpochMilli();
        e.result = result;
        e.title = plan.message().title();
        return e;
    }

    /** An entry about one attempt. */
    private CallAttempt entry(CallResult result, Attempt a, String method) {
        CallAttempt e = entry(result, a.person, method, a.round, a.position);
        e.providerId = a.callId;
        return e;
    }

    /** An entry about the whole call-out (suspension, fallback, stop). */
    private CallAttempt entry(CallResult result, String detail) {
        CallAttempt e = entry(result, null, null, 0, 0);
        e.detail = detail;
        return e;
    }

    private void emit(CallAttempt e) {
        e.sequence = ++sequence;
        ctx.ports.record(e);
    }
}
