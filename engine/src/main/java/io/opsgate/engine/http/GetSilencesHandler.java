package io.opsgate.engine.http;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.alerting.Silences;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v2/silences: a silence passes a filter when it has a matcher equal to each filter matcher, as
 * in Alertmanager; sorted active (soonest end first), then pending (soonest start), then expired (latest
 * end first).
 */
final class GetSilencesHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        List<Matcher> filter = GetAlertsHandler.filters(call.queryParams("filter"));
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> {
            long now = tenant.silences().now();
            List<Silence> result = new ArrayList<>();
            for (Silence s : tenant.silences().all()) {
                if (Silences.compile(s.matchers).containsAll(filter)) {
                    result.add(s);
                }
            }
            result.sort(Comparator.comparingInt((Silence s) -> s.stateAt(now).ordinal())
                    .thenComparingLong(s -> switch (s.stateAt(now)) {
                        case active -> s.endsAt;
                        case pending -> s.startsAt;
                        case expired -> -s.endsAt;
                    }));
            return Reply.json(200, SilenceJson.list(result, now));
        });
    }
}
