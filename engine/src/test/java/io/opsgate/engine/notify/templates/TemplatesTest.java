package io.opsgate.engine.notify.templates;

import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.notify.Notification;
import org.junit.jupiter.api.Test;

import static io.opsgate.engine.support.Notifications.entry;
import static io.opsgate.engine.support.Notifications.notification;
import static io.opsgate.engine.support.Notifications.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default templates word for word, overrides, escaping per destination, and what a tenant's template cannot reach. */
class TemplatesTest {
    private final Templates templates = new Templates();

    private static String webhook(String templatesYaml) {
        return "type: Webhook\nwebhook: {url: 'http://127.0.0.1:1/'}\n" + templatesYaml;
    }

    @Test
    void theDefaultTitleAndTextSayWhatHappenedWhereAndHowMuch() {
        RenderedMessage m = RenderedMessage.render(templates, spec(webhook("")), notification(entry(1, "firing", 2), "ops"),
                Escaper.NONE, DefaultTemplates.TEXT);
        assertThat(m.title()).isEqualTo("[FIRING] Disk full on web-1 (critical) · Acme Corp");
        assertThat(m.body()).isEqualTo("""
                Disk full on web-1
                Status: firing · Severity: critical · Priority: P2 · Tenant: Acme Corp
                Ticket: #3 https://opsgate.example/api/v1/tickets/3
                Labels: alertname=DiskFull, instance=web-1
                2 alert(s), 2 firing, 0 resolved:
                - [firing] Disk /m0 is full & <hot> (alertname=DiskFull, instance=web-1, mount=/m0, severity=critical) since 2026-03-02T10:00:00Z
                - [firing] Disk /m1 is full & <hot> (alertname=DiskFull, instance=web-1, mount=/m1, severity=critical) since 2026-03-02T10:00:00Z
                """);
    }

    @Test
    void anEscalationSaysItsLevelAndAResolveSaysResolved() {
        OutboxEntry e = entry(2, "firing", 1);
        e.type = "escalation";
        e.level = 2;
        RenderedMessage m = RenderedMessage.render(templates, spec(webhook("")), notification(e, "ops"), Escaper.NONE,
                DefaultTemplates.TEXT);
        assertThat(m.title()).isEqualTo("[FIRING · escalation level 2] Disk full on web-1 (critical) · Acme Corp");
        assertThat(m.body()).contains("Escalation level 2: the ticket is still unacknowledged.\n");

        RenderedMessage resolved = RenderedMessage.render(templates, spec(webhook("")),
                notification(entry(3, "resolved", 1), "ops"), Escaper.NONE, DefaultTemplates.TEXT);
        assertThat(resolved.title()).startsWith("[RESOLVED] ");
        assertThat(resolved.body()).contains("1 alert(s), 0 firing, 1 resolved:");
    }

    @Test
    void aChannelsTemplatesOverrideTheDefaultsAndSeeEveryDocumentedVariable() {
        String yaml = webhook("""
                templates:
                  title: "{{tenant}}/{{rule}} {{status}} #{{ticketId}} x{{count}}\\nsecond line"
                  body: "{{labels.instance}}|{{severity}}|{{priority}}|{{ticketUrl}}|{{firingCount}}/{{resolvedCount}}|{{#alerts}}{{labels.mount}}={{annotations.summary}};{{/alerts}}"
                """);
        RenderedMessage m = RenderedMessage.render(templates, spec(yaml), notification(entry(4, "firing", 2), "ops"),
                Escaper.NONE, DefaultTemplates.TEXT);
        assertThat(m.title()).isEqualTo("acme/page firing #3 x2 second line");
        assertThat(m.body()).isEqualTo("web-1|critical|P2|https://opsgate.example/api/v1/tickets/3|2/0|"
                + "/m0=Disk /m0 is full & <hot>;/m1=Disk /m1 is full & <hot>;");
    }

    @Test
    void valuesAreEscapedForWhereTheyGoButTemplateTextIsNot() {
        Notification n = notification(entry(5, "firing", 1), "ops");
        String yaml = webhook("templates: {body: \"<b>{{#alerts}}{{summary}}{{/alerts}}</b>\"}\n");
        assertThat(RenderedMessage.render(templates, spec(yaml), n, Escaper.SLACK, DefaultTemplates.SLACK).body())
                .isEqualTo("<b>Disk /m0 is full &amp; &lt;hot&gt;</b>");
        assertThat(RenderedMessage.render(templates, spec(yaml), n, Escaper.NONE, DefaultTemplates.TEXT).body())
                .isEqualTo("<b>Disk /m0 is full & <hot></b>");
        // The mail's HTML part never turns a tenant's template into markup.
        assertThat(RenderedMessage.html(templates, spec(yaml), n))
                .contains("&lt;b&gt;Disk /m0 is full &amp; &lt;hot&gt;&lt;/b&gt;").doesNotContain("<b>");
    }

    @Test
    void aTemplateReachesOnlyItsVariablesNeverJavaMembersOrFiles() {
        Notification n = notification(entry(6, "firing", 1), "ops");
        String reflective = webhook("templates: {body: \"[{{labels.class}}][{{alerts.size}}][{{title.length}}][{{title.bytes}}]\"}\n");
        assertThat(RenderedMessage.render(templates, spec(reflective), n, Escaper.NONE, DefaultTemplates.TEXT).body())
                .isEqualTo("[][][][]");
        assertThatThrownBy(() -> templates.render("{{> /etc/passwd}}", Escaper.NONE, TemplateScope.of(n)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partials are not allowed");
        assertThatThrownBy(() -> templates.render("{{#alerts}}unclosed", Escaper.NONE, TemplateScope.of(n)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not compile");
    }

    @Test
    void theSlackDefaultLinksTheTicketInMrkdwn() {
        RenderedMessage m = RenderedMessage.render(templates, spec("type: Slack\nsecretRef: {name: s}\n"),
                notification(entry(7, "firing", 1), "ops"), Escaper.SLACK, DefaultTemplates.SLACK);
        assertThat(m.body()).startsWith("*Disk full on web-1*\nStatus: *firing* · Severity: *critical* · Priority: P2 · "
                + "Tenant: Acme Corp\nTicket: <https://opsgate.example/api/v1/tickets/3|#3>\n1 alert(s), 1 firing, 0 resolved:\n"
                + "• [firing] Disk /m0 is full &amp; &lt;hot&gt; (alertname=DiskFull, instance=web-1, mount=/m0, severity=critical)\n");
    }
}
