package io.opsgate.engine.alerting;

import io.opsgate.api.matcher.Matcher;

import java.util.List;

/**
 * The filters of GET /api/v2/alerts.
 *
 * @param matchers  label matchers, all of which must hold
 * @param active    include alerts neither silenced nor inhibited
 * @param silenced  include silenced alerts
 * @param inhibited include inhibited alerts
 * @param receiver  a regex (anchored) one of the alert's receivers must match; null for any
 */
public record AlertQuery(List<Matcher> matchers, boolean active, boolean silenced, boolean inhibited,
                         com.google.re2j.Pattern receiver) {
}
