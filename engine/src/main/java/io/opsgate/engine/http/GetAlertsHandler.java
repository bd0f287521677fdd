package io.opsgate.engine.http;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.matcher.MatcherParser;
import io.opsgate.api.regex.BoundedRegex;
import io.opsgate.api.regex.RegexBudget;
import io.opsgate.api.regex.RegexTooComplexException;
import io.opsgate.engine.alerting.AlertQuery;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** GET /api/v2/alerts with Alertmanager's filter, active, silenced, inhibited, unprocessed and receiver. */
final class GetAlertsHandler implements Operation {

    @Override
    public CompletionStage<Reply> handle(Call call) {
        // One budget for the request: its filters and receiver together stay within one regex's cost.
        RegexBudget budget = RegexBudget.perObject();
        List<Matcher> matchers = filters(call.queryParams("filter"), budget);
        Pattern receiver = null;
        String r = call.queryParam("receiver");
        if (r != null && !r.isEmpty()) {
            try {
                receiver = BoundedRegex.compileAnchored(r, 0, budget);
            } catch (PatternSyntaxException e) {
                throw ApiError.badRequest("receiver is not a valid regex: " + e.getDescription()).field("receiver");
            } catch (RegexTooComplexException e) {
                throw tooComplex(e, "receiver");
            }
        }
        call.flag("unprocessed", true);
        AlertQuery q = new AlertQuery(matchers, call.flag("active", true), call.flag("silenced", true),
                call.flag("inhibited", true), receiver);
        TenantRuntime tenant = call.tenant();
        return tenant.lane().call(() -> tenant.alerts().alerts(q)).thenApply(list -> Reply.json(200, AlertJson.list(list)));
    }

    /** Parses filter parameters: each a matcher, or a braced list as amtool sends; one budget for all of them. */
    static List<Matcher> filters(List<String> values) {
        return filters(values, RegexBudget.perObject());
    }

    private static List<Matcher> filters(List<String> values, RegexBudget budget) {
        List<Matcher> result = new ArrayList<>();
        for (String f : values) {
            try {
                result.addAll(MatcherParser.parseList(f, budget));
            } catch (RegexTooComplexException e) {
                throw tooComplex(e, "filter");
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("filter \"" + f + "\" is not a matcher: " + e.getMessage()).field("filter");
            }
        }
        return result;
    }

    /** 400 naming the parameter and the limit, before anything was compiled. */
    static ApiError tooComplex(RegexTooComplexException e, String field) {
        return ApiError.badRequest(field + ": " + e.getMessage()).field(field).limit(e.limit(), e.maximum());
    }
}
