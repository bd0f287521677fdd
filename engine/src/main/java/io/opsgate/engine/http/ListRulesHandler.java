package io.opsgate.engine.http;

import io.opsgate.engine.alerting.RuleStats;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v1/rules: every rule of the tenant in evaluation order with the figures a cluster shows in the
 * AlertRule's status: {@code hits} (last hour, total since the rule's spec took effect, last match, dropped) and,
 * for a rule in shadow, {@code shadow} (what it would have done and its latest matches' labels).
 */
final class ListRulesHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> tenant.engine().ruleStats()).thenApply(stats -> {
            List<Map<String, Object>> rules = new ArrayList<>(stats.size());
            for (RuleStats s : stats) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("name", s.name());
                rule.put("mode", s.inShadow() ? "Shadow" : "Enforce");
                rule.put("hits", s.hits(null));
                if (s.shadow() != null) {
                    rule.put("shadow", s.shadowStatus());
                }
                rules.add(rule);
            }
            return Reply.json(200, Json.value(rules));
        });
    }
}
