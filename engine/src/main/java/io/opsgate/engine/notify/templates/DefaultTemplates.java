package io.opsgate.engine.notify.templates;

/**
 * The templates a channel uses unless its NotificationChannel overrides {@code templates.title} or
 * {@code templates.body}: title, severity, tenant, group labels, ticket id and link, alert count, and
 * the alerts one per line.
 */
public final class DefaultTemplates {
    /** Title, mail subject, Slack header, PagerDuty summary. */
    public static final String TITLE = "[{{statusUpper}}{{#escalation}} · escalation level {{level}}{{/escalation}}] "
            + "{{title}}{{#severity}} ({{severity}}){{/severity}} · {{tenantName}}";

    /** Plain text: mail text part, webhook body, Teams, PagerDuty details. */
    public static final String TEXT = """
            {{title}}
            Status: {{status}}{{#severity}} · Severity: {{severity}}{{/severity}}{{#priority}} · Priority: {{priority}}{{/priority}} · Tenant: {{tenantName}}
            {{#ticketId}}Ticket: #{{ticketId}}{{#ticketUrl}} {{ticketUrl}}{{/ticketUrl}}
            {{/ticketId}}{{#escalation}}Escalation level {{level}}: the ticket is still unacknowledged.
            {{/escalation}}Labels: {{#labelList}}{{name}}={{value}}{{^last}}, {{/last}}{{/labelList}}
            {{count}} alert(s), {{firingCount}} firing, {{resolvedCount}} resolved:
            {{#alerts}}
            - [{{status}}] {{summary}} ({{#labelList}}{{name}}={{value}}{{^last}}, {{/last}}{{/labelList}}) since {{startsAt}}
            {{/alerts}}
            """;

    /** Slack mrkdwn. */
    public static final String SLACK = """
            *{{title}}*
            Status: *{{status}}*{{#severity}} · Severity: *{{severity}}*{{/severity}}{{#priority}} · Priority: {{priority}}{{/priority}} · Tenant: {{tenantName}}
            {{#ticketId}}Ticket: {{#ticketUrl}}<{{ticketUrl}}|#{{ticketId}}>{{/ticketUrl}}{{^ticketUrl}}#{{ticketId}}{{/ticketUrl}}
            {{/ticketId}}{{#escalation}}Escalation level {{level}}: the ticket is still unacknowledged.
            {{/escalation}}{{count}} alert(s), {{firingCount}} firing, {{resolvedCount}} resolved:
            {{#alerts}}
            • [{{status}}] {{summary}} ({{#labelList}}{{name}}={{value}}{{^last}}, {{/last}}{{/labelList}})
            {{/alerts}}
            """;

    /** The mail's HTML part. */
    public static final String HTML = """
            <html><body style="font-family:sans-serif">
            <h2>{{title}}</h2>
            <p>Status: <b>{{status}}</b>{{#severity}} · Severity: <b>{{severity}}</b>{{/severity}}{{#priority}} · Priority: {{priority}}{{/priority}} · Tenant: {{tenantName}}</p>
            {{#ticketId}}<p>Ticket: {{#ticketUrl}}<a href="{{ticketUrl}}">#{{ticketId}}</a>{{/ticketUrl}}{{^ticketUrl}}#{{ticketId}}{{/ticketUrl}}</p>{{/ticketId}}
            {{#escalation}}<p>Escalation level {{level}}: the ticket is still unacknowledged.</p>{{/escalation}}
            <p>Labels: {{#labelList}}<code>{{name}}={{value}}</code> {{/labelList}}</p>
            <p>{{count}} alert(s), {{firingCount}} firing, {{resolvedCount}} resolved:</p>
            <ul>
            {{#alerts}}<li>[{{status}}] {{summary}} <small>({{#labelList}}{{name}}={{value}}{{^last}}, {{/last}}{{/labelList}}) since {{startsAt}}</small></li>
            {{/alerts}}</ul>
            </body></html>
            """;

    private DefaultTemplates() {
    }
}
