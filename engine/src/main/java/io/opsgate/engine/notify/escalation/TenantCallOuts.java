package io.opsgate.engine.notify.escalation;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.suspension.SuspensionSet;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.notify.CallbackReply;
import io.opsgate.engine.notify.ProviderCallback;
import io.opsgate.engine.notify.callout.CallAttempt;
import io.opsgate.engine.notify.callout.CallOutChannel;
import io.opsgate.engine.notify.callout.CallOutMessage;
import io.opsgate.engine.notify.callout.CallOutPlan;
import io.opsgate.engine.notify.callout.CallOutPorts;
import io.opsgate.engine.notify.callout.CallOutService;
import io.opsgate.engine.notify.callout.CallResult;
import io.opsgate.engine.notify.callout.CallbackResponse;
import io.opsgate.engine.notify.callout.CallbackUrls;
import io.opsgate.engine.notify.callout.ExecutorTaskScheduler;
import io.opsgate.engine.notify.callout.TwilioAccount;
import io.opsgate.engine.notify.callout.TwilioCallbacks;
import io.opsgate.engine.notify.callout.TwilioCompatibleProvider;
import io.opsgate.engine.notify.channels.Credentials;
import io.opsgate.engine.notify.channels.MissingCredential;
import io.opsgate.engine.notify.contacts.ContactDirectory;
import io.opsgate.engine.notify.delivery.TenantNotifier;
import io.opsgate.engine.oncall.ScheduleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One tenant's call-outs inside notify: an escalation request whose level names OnCallSchedules or ContactGroups
 * starts a {@link CallOutService} plan per target; a callout-stop request (the ticket left the open state)
 * stops them; every attempt becomes a report of the tenant's notifier, which ingest pulls into the ticket's
 * delivery log (an {@code acknowledged} one also acknowledges the ticket there); a fallback channel is delivered
 * by the notifier like any notification. The service is built at the first use, once the listener's URL, where
 * the provider calls back, is known.
 */
final class TenantCallOuts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantCallOuts.class);
    static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);

    private final String tenant;
    private final Supplier<CompiledConfig> config;
    private final TenantNotifier notifier;
    private final Credentials credentials;
    private final Clock clock;
    private final Supplier<String> externalUrl;
    private final HttpClient http;
    private ExecutorTaskScheduler scheduler;
    private CallOutService service;
    private TwilioCallbacks callbacks;
    private volatile ScheduleBook schedules;
    private volatile Channels channels = new Channels(null, Map.of());

    /** The CallOut channels of one configuration. */
    private record Channels(CompiledConfig from, Map<String, CallOutChannel> byName) {
    }

    TenantCallOuts(String tenant, Supplier<CompiledConfig> config, TenantNotifier notifier, Credentials credentials,
                   Clock clock, Supplier<String> externalUrl, HttpClient http) {
        this.tenant = tenant;
        this.config = config;
        this.notifier = notifier;
        this.credentials = credentials;
        this.clock = clock;
        this.externalUrl = externalUrl;
        this.http = http;
    }

    /** Starts or stops call-outs for notification requests notify has just stored. */
    void accepted(List<OutboxEntry> entries) {
        for (OutboxEntry e : entries) {
            if (OutboxEntry.CALLOUT_STOP.equals(e.type) && e.ticketId != null) {
                CallOutService s = existing();
                if (s != null) {
                    s.acknowledgedElsewhere(e.ticketId, e.acknowledgedBy == null ? "opsgate" : e.acknowledgedBy);
                }
            } else if ("escalation".equals(e.type) && e.ticketId != null
                    && (!e.schedules.isEmpty() || !e.contactGroups.isEmpty())) {
                startCallOuts(e);
            }
        }
    }

    private void startCallOuts(OutboxEntry e) {
        CallOutService s = service();
        CompiledConfig c = config.get();
        for (String name : e.schedules) {
            Optional<OnCallScheduleSpec> spec = find(c == null ? null : c.onCallSchedules, name);
            if (s == null || spec.isEmpty() || spec.get().callOut == null) {
                notStarted(e, "oncallschedule/" + name, s == null ? noUrl() : "OnCallSchedule " + name
                        + (spec.isEmpty() ? " is not configured" : " has no callOut"));
                continue;
            }
            s.start(ticketPart(CallOutPlan.forSchedule(name, spec.get()), e).build());
        }
        for (String name : e.contactGroups) {
            Optional<ContactGroupSpec> spec = find(c == null ? null : c.contactGroups, name);
            if (s == null || spec.isEmpty()) {
                notStarted(e, "contactgroup/" + name, s == null ? noUrl() : "ContactGroup " + name + " is not configured");
                continue;
            }
            s.start(ticketPart(CallOutPlan.forContactGroup(name, spec.get()), e).build());
        }
    }

    private static String noUrl() {
        return "no external URL for the provider's callbacks (OPSGATE_EXTERNAL_URL)";
    }

    private CallOutPlan.Builder ticketPart(CallOutPlan.Builder b, OutboxEntry e) {
        return b.tenant(tenant).ticket(e.ticketId, new CallOutMessage(e.ticketId, e.title, e.priority, severity(e)))
                .level(e.level).alertLabels(labels(e));
    }

    /** What a suspension's matchers see of the alert: the first alert's labels over the group's. */
    private static Map<String, String> labels(OutboxEntry e) {
        Map<String, String> labels = new TreeMap<>(e.groupLabels);
        if (!e.alerts.isEmpty() && e.alerts.get(0).labels() != null) {
            labels.putAll(e.alerts.get(0).labels());
        }
        return labels;
    }

    private static String severity(OutboxEntry e) {
        String s = e.groupLabels.get("severity");
        for (OutboxAlert a : e.alerts) {
            if (s == null && a.labels() != null) {
                s = a.labels().get("severity");
            }
        }
        return s;
    }

    /** An entry in the ticket's delivery log for a call-out that could not begin. */
    private void notStarted(OutboxEntry e, String target, String detail) {
        CallAttempt a = new CallAttempt();
        a.tenant = tenant;
        a.ticketId = e.ticketId;
        a.level = e.level;
        a.session = tenant + "/" + e.ticketId + "/-";
        a.target = target;
        a.channel = target;
        a.sequence = 1;
        a.at = clock.millis();
        a.result = CallResult.PROVIDER_ERROR;
        a.detail = detail;
        a.title = e.title;
        LOG.warn("tenant {}: call-out to {} for ticket {} not started: {}", tenant, target, e.ticketId, detail);
        notifier.report(a.toDeliveryReport());
    }

    /** Answers a provider callback; 404 when no call-out of this tenant issued its token. */
    CallbackReply callback(ProviderCallback cb) {
        TwilioCallbacks c;
        synchronized (this) {
            service();
            c = callbacks;
        }
        if (c == null) {
            return new CallbackReply(404, "application/xml; charset=utf-8", "<Response/>");
        }
        CallbackResponse r = c.handle(cb.tenant(), cb.token(), cb.kind(), cb.form(), cb.signature());
        return new CallbackReply(r.status(), r.contentType(), r.body());
    }

    private synchronized CallOutService existing() {
        return service;
    }

    /** The service, built at the first call-out; null while no external URL is known. */
    private synchronized CallOutService service() {
        if (service != null) {
            return service;
        }
        String base = externalUrl.get();
        if (base == null || base.isBlank()) {
            return null;
        }
        CallbackUrls urls = new CallbackUrls(URI.create(base));
        scheduler = new ExecutorTaskScheduler(clock, "callout-" + tenant);
        CompiledConfig first = config.get();
        service = CallOutService.builder()
                .tenant(tenant)
                .scheduler(scheduler)
                .directory(new ContactDirectory(credentials, first == null ? tenant : first.namespace))
                .channels(this::channel)
                .groups(name -> find(config.get() == null ? null : config.get().contactGroups, name))
                .onCall((schedule, at) -> schedules().schedule(schedule).flatMap(r -> r.onCall(at)))
                .suspensions(() -> config.get() == null ? SuspensionSet.none()
                        : SuspensionSet.compile(config.get().operationsSuspensions))
                .ports(new Ports())
                .urls(urls)
                .build();
        callbacks = new TwilioCallbacks(service, urls);
        return service;
    }

    private ScheduleBook schedules() {
        CompiledConfig c = config.get();
        ScheduleBook b = ScheduleBook.of(c == null ? null : c.onCallSchedules, schedules);
        schedules = b;
        return b;
    }

    /** A CallOut channel of the configuration in force, built once per configuration. */
    private Optional<CallOutChannel> channel(String name) {
        CompiledConfig c = config.get();
        Channels current = channels;
        if (current.from() != c) {
            Map<String, CallOutChannel> built = new HashMap<>();
            if (c != null) {
                for (NamedSpec<NotificationChannelSpec> n : c.notificationChannels) {
                    if (n.spec.type == NotificationChannelSpec.ChannelType.CallOut && n.spec.callOut != null) {
                        built.put(n.name, build(c.namespace, n.name, n.spec));
                    }
                }
            }
            current = new Channels(c, built);
            channels = current;
        }
        return Optional.ofNullable(current.byName().get(name));
    }

    private CallOutChannel build(String namespace, String name, NotificationChannelSpec spec) {
        String secret = spec.secretRef == null ? null : spec.secretRef.name;
        Supplier<TwilioAccount> account = () -> {
            try {
                return new TwilioAccount(credentials.read(namespace, secret, "accountSid"),
                        credentials.read(namespace, secret, "authToken"));
            } catch (MissingCredential e) {
                throw new IllegalStateException(e.getMessage());
            }
        };
        TwilioCompatibleProvider provider = new TwilioCompatibleProvider(http, URI.create(spec.callOut.url), account,
                PROVIDER_TIMEOUT, clock, credentials::redact);
        return new CallOutChannel(name, provider, spec.callOut.from, spec.callOut.smsFrom, account);
    }

    private static <T> Optional<T> find(List<NamedSpec<T>> specs, String name) {
        if (specs == null) {
            return Optional.empty();
        }
        return specs.stream().filter(n -> n.name.equals(name)).map(n -> n.spec).findFirst();
    }

    /** Where the call-outs' results go: the notifier's reports and deliveries. */
    private final class Ports implements CallOutPorts {
        @Override
        public void record(CallAttempt attempt) {
            notifier.report(attempt.toDeliveryReport()).whenComplete((v, failure) -> {
                if (failure != null) {
                    LOG.error("tenant {}: a call-out entry could not be stored: {}", tenant, failure.getMessage());
                }
            });
        }

        @Override
        public void acknowledged(long ticketId, String person, Instant at) {
            // The acknowledged entry record() stored is what acknowledges the ticket in ingest when it is pulled.
            LOG.info("tenant {}: ticket {} acknowledged by call-out to {}", tenant, ticketId, person);
        }

        @Override
        public void notifyFallbackChannel(CallOutPlan plan, String channel) {
            OutboxEntry e = new OutboxEntry();
            e.tenant = tenant;
            e.type = "escalation";
            e.channels = new ArrayList<>(List.of(channel));
            e.status = "firing";
            e.ticketId = plan.ticketId();
            e.title = plan.message().title();
            e.priority = plan.message().priority();
            e.level = plan.level();
            e.groupLabels = new TreeMap<>(plan.alertLabels());
            e.groupKey = plan.target();
            e.createdAt = Instant.now(clock).toString();
            notifier.deliver(e, channel);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
