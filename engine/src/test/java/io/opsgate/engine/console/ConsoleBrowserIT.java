package io.opsgate.engine.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.support.Chromium;
import io.opsgate.engine.support.ConsoleWorld;
import io.opsgate.engine.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's chromium, headless) signed in at a real OpenID provider: people see
 * their tenant's alerts, acknowledge and comment on a ticket, create and expire a silence, read the access
 * log; a viewer gets no change buttons and the server refuses the change anyway; a person of one tenant never
 * sees another's. The screenshots of docs/console.md are taken here, each after asserting what the page shows.
 */
class ConsoleBrowserIT {
    @TempDir
    static Path root;
    static ConsoleWorld world;
    static Http api;
    final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        world = new ConsoleWorld(root, Duration.ofMinutes(30));
        api = new Http(world.base);
        String acme = ConsoleWorld.token("acme", "ingest");
        post(acme, alert("DiskFull", "web-1", "critical", "Disk /var is 97% full"),
                alert("DiskFull", "web-2", "critical", "Disk /var is 93% full"),
                alert("HighLatency", "api-1", "warning", "p99 latency 2.4 s"),
                alert("CertificateExpiry", "lb-1", "warning", "certificate expires in 6 days"),
                alert("NightlyBatchLate", "batch-1", "warning", "nightly batch has not finished"));
        Instant now = Instant.now();
        assertThat(api.post("/api/v2/silences", ConsoleWorld.token("acme", "admin"), "{\"matchers\":[{\"name\":\"alertname\","
                + "\"value\":\"NightlyBatchLate\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"" + now + "\",\"endsAt\":\""
                + now.plus(Duration.ofHours(4)) + "\",\"createdBy\":\"alice\",\"comment\":\"batch moved to 03:00\"}").status())
                .isEqualTo(200);
        post(ConsoleWorld.token("globex", "ingest"), alert("GlobexQueueBacklog", "mq-1", "critical", "queue backlog"));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    static String alert(String name, String instance, String severity, String summary) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"instance\":\"" + instance + "\",\"severity\":\"" + severity
                + "\",\"team\":\"platform\"},\"annotations\":{\"summary\":\"" + summary + "\"}}";
    }

    static void post(String token, String... alerts) {
        assertThat(api.post("/api/v2/alerts", token, "[" + String.join(",", alerts) + "]").status()).isEqualTo(200);
    }

    WebDriver browser(String name, String languages, int width, int height) {
        WebDriver d = Chromium.start(Chromium.profile(root, name), languages, width, height);
        browsers.add(d);
        return d;
    }

    /** Waits up to 15 s; a view that re-renders (after each change) replaces its elements, so stale ones are retried. */
    static WebDriverWait waiting(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Opens the tenant's console, is sent to sign in, signs in at the provider as {@code user}. */
    static void signIn(WebDriver d, String tenant, String user, List<String> groups) {
        d.get(world.base + "/console/" + tenant + "/");
        waiting(d).until(ExpectedConditions.elementToBeClickable(By.id("sso")));
        world.nextSignIn(user, groups);
        d.findElement(By.id("sso")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
    }

    static String ticketOf(String alertname) {
        JsonNode t = api.get("/api/v1/tickets?filter=" + ConsoleSignInIT.enc("alertname=\"" + alertname + "\""),
                ConsoleWorld.token("acme", "admin")).json().path("tickets");
        return t.get(0).path("id").asText();
    }

    @Test
    void anOperatorSeesTheAlertsThenAcknowledgesAndCommentsOnATicket() {
        WebDriver d = browser("olga", "en-US,en", 1280, 900);
        signIn(d, "acme", "olga", List.of("acme-ops"));
        WebDriverWait wait = waiting(d);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.alert")));
        String page = d.findElement(By.id("view")).getText();
        assertThat(page).contains("alertname=DiskFull", "Disk /var is 97% full", "alertname=HighLatency", "alertname=NightlyBatchLate");
        assertThat(d.findElement(By.cssSelector("li.alert.silenced")).getText()).contains("NightlyBatchLate", "silenced");
        assertThat(d.findElements(By.cssSelector("section.group"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(d.findElements(By.cssSelector(".silence-from-alert"))).as("an operator may not silence").isEmpty();
        assertThat(d.findElement(By.id("who")).getText()).contains("olga", "operator");
        Chromium.screenshot(d, "alerts");

        // The Alertmanager filter syntax narrows the list.
        WebElement filter = d.findElement(By.id("filter"));
        filter.clear();
        filter.sendKeys("{severity=\"warning\", alertname=~\"High.*\"}");
        d.findElement(By.cssSelector("#alert-filter button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("alert-count"), "1"));
        assertThat(d.findElement(By.id("view")).getText()).contains("HighLatency").doesNotContain("DiskFull");

        String id = ticketOf("DiskFull");
        d.get(world.base + "/console/acme/#/tickets");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ticket-list tr[data-id='" + id + "'] a")));
        d.findElement(By.cssSelector("#ticket-list tr[data-id='" + id + "'] a.ticket-link")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("ack"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("ticket-state"), "data-state", "acknowledged"));
        d.findElement(By.id("comment-text")).sendKeys("Cleaning old logs on web-1; disk back under 80% in 10 minutes.");
        d.findElement(By.id("comment")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("comments"), "Cleaning old logs"));
        assertThat(d.findElement(By.id("comments")).getText()).contains("olga");
        assertThat(d.findElement(By.id("timeline")).getText()).contains("olga");
        Chromium.screenshot(d, "ticket");

        JsonNode stored = api.get("/api/v1/tickets/" + id, ConsoleWorld.token("acme", "admin")).json();
        assertThat(stored.path("state").asText()).isEqualTo("acknowledged");
        // The engine may have noted a failed delivery on the ticket too (the test world's channel is unreachable).
        assertThat(stored.path("comments")).anySatisfy(c -> {
            assertThat(c.path("author").asText()).isEqualTo("olga");
            assertThat(c.path("text").asText()).startsWith("Cleaning old logs");
        });
    }

    @Test
    void anOwnerSilencesAnAlertFromTheListSeesWhatItMatchesAndExpiresIt() {
        WebDriver d = browser("alice", "en-US,en", 1280, 900);
        signIn(d, "acme", "alice", List.of());
        WebDriverWait wait = waiting(d);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.alert")));
        WebElement cert = d.findElements(By.cssSelector("li.alert")).stream()
                .filter(e -> e.getText().contains("CertificateExpiry")).findFirst().orElseThrow();
        cert.findElement(By.cssSelector(".silence-from-alert")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("silence-preview"), "Would match 1 alerts"));
        assertThat(d.findElement(By.id("silence-matchers")).getAttribute("value")).contains("alertname=\"CertificateExpiry\"");
        d.findElement(By.id("silence-comment")).sendKeys("certificate renewal booked for tonight");
        d.findElement(By.id("create-silence")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("silence-list")));
        WebElement mine = wait.until(d2 -> d2.findElements(By.cssSelector("li.silence.active")).stream()
                .filter(e -> e.getText().contains("CertificateExpiry")).findFirst().orElse(null));
        assertThat(mine.getText()).contains("Matches 1 alerts now", "by alice", "certificate renewal booked");
        Chromium.screenshot(d, "silences");

        JsonNode silenced = api.get("/api/v2/alerts?filter=" + ConsoleSignInIT.enc("alertname=\"CertificateExpiry\""),
                ConsoleWorld.token("acme", "admin")).json().get(0);
        assertThat(silenced.path("status").path("state").asText()).isEqualTo("suppressed");

        mine.findElement(By.cssSelector("button.expire")).click();
        wait.until(d2 -> d2.findElements(By.cssSelector("li.silence.expired")).stream()
                .anyMatch(e -> e.getText().contains("CertificateExpiry")));
        JsonNode after = api.get("/api/v2/alerts?filter=" + ConsoleSignInIT.enc("alertname=\"CertificateExpiry\""),
                ConsoleWorld.token("acme", "admin")).json().get(0);
        assertThat(after.path("status").path("state").asText()).isEqualTo("active");

        // The access log shows each of these changes under alice's name and how she signed in.
        d.get(world.base + "/console/acme/#/access-log");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#access-log tbody tr")));
        String log = d.findElement(By.id("access-log")).getText();
        assertThat(log).contains("alice", "oidc", "POST /api/v2/silences", "DELETE /api/v2/silence/", "sign-in");
        Chromium.screenshot(d, "access-log");

        d.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "You have signed out"));
        d.get(world.base + "/console/acme/#/alerts");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sso")));
        Chromium.screenshot(d, "sign-in");
    }

    @Test
    void aViewerSeesNoChangeButtonsAndTheServerRefusesTheChangeAnyway() {
        String id = ticketOf("HighLatency");
        WebDriver d = browser("vera", "en-US,en", 1280, 900);
        signIn(d, "acme", "vera", List.of());
        WebDriverWait wait = waiting(d);
        d.get(world.base + "/console/acme/#/tickets/" + id);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        assertThat(d.findElement(By.id("ticket-title")).getText()).contains("#" + id);
        assertThat(d.findElements(By.id("ack"))).isEmpty();
        assertThat(d.findElements(By.id("comment-form"))).isEmpty();

        // The same request the button would send, from the page with the session's CSRF token: refused.
        Object status = ((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/acme/session').then(r => r.json()).then(s =>
                  fetch('/api/v1/tickets/%s/ack', {method: 'POST', headers: {[s.csrfHeader]: s.csrfToken}}))
                  .then(r => done(r.status), e => done(String(e)));
                """.formatted(id));
        assertThat(status).isEqualTo(403L);
        assertThat(api.get("/api/v1/tickets/" + id, ConsoleWorld.token("acme", "admin")).json().path("state").asText())
                .isEqualTo("open");
    }

    @Test
    void aViewerOpensARequestAndAnOperatorAnswersIt() {
        WebDriver vera = browser("vera-request", "en-US,en", 1280, 900);
        signIn(vera, "acme", "vera", List.of());
        WebDriverWait wait = waiting(vera);
        vera.get(world.base + "/console/acme/#/tickets");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-request"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("request-title")))
                .sendKeys("Open port 8443 on the staging firewall");
        assertThat(new Select(vera.findElement(By.id("request-category"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("service_request");
        vera.findElement(By.id("request-description")).sendKeys("For the new payment sandbox, from 10.20.0.0/16 only.");
        new Select(vera.findElement(By.id("request-priority"))).selectByValue("P4");
        vera.findElement(By.id("request-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-title"), "Open port 8443"));
        String id = vera.getCurrentUrl().replaceAll(".*#/tickets/", "");
        assertThat(vera.findElement(By.id("ticket-category")).getText()).isEqualTo("Service request");
        assertThat(vera.findElement(By.id("ticket-opened-by")).getText()).isEqualTo("vera");
        assertThat(vera.findElement(By.id("ticket-description")).getText()).contains("payment sandbox");
        assertThat(vera.findElements(By.id("ack"))).as("a viewer may not acknowledge, not even her own request").isEmpty();
        assertThat(vera.findElements(By.id("comment-form"))).as("the requester answers in the conversation").hasSize(1);

        WebDriver olga = browser("olga-request", "en-US,en", 1280, 900);
        signIn(olga, "acme", "olga", List.of("acme-ops"));
        WebDriverWait owait = waiting(olga);
        olga.get(world.base + "/console/acme/#/tickets?state=open,acknowledged&category=service_request");
        owait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ticket-list tr[data-id='" + id + "'] a.ticket-link")));
        assertThat(olga.findElements(By.cssSelector("#ticket-list tbody tr"))).allSatisfy(r ->
                assertThat(r.getText()).contains("Service request"));
        olga.findElement(By.cssSelector("#ticket-list tr[data-id='" + id + "'] a.ticket-link")).click();
        owait.until(ExpectedConditions.elementToBeClickable(By.id("ack"))).click();
        owait.until(ExpectedConditions.attributeToBe(By.id("ticket-state"), "data-state", "acknowledged"));
        Select assignee = new Select(owait.until(ExpectedConditions.elementToBeClickable(By.id("assignee"))));
        assertThat(assignee.getOptions()).extracting(WebElement::getText)
                .contains("alice (owner)", "olga (operator)", "vera (viewer)");
        assignee.selectByValue("olga");
        olga.findElement(By.id("assign")).click();
        owait.until(ExpectedConditions.textToBe(By.id("ticket-assignee"), "olga"));
        owait.until(ExpectedConditions.elementToBeClickable(By.id("comment-text")))
                .sendKeys("Opened for 10.20.0.0/16 until Friday; please confirm it works.");
        olga.findElement(By.id("comment")).click();
        owait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("comments"), "please confirm"));

        vera.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("comments"), "please confirm"));
        vera.findElement(By.id("comment-text")).sendKeys("Works, thank you.");
        vera.findElement(By.id("comment")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("comments"), "Works, thank you."));
        assertThat(vera.findElement(By.id("view")).getText()).as("parts a role does not get leave no trace")
                .doesNotContain("null");
        String conversation = vera.findElement(By.id("comments")).getText();
        assertThat(conversation.indexOf("olga")).isLessThan(conversation.indexOf("Works, thank you."));
        assertThat(vera.findElement(By.id("timeline")).getText()).contains("vera", "opened", "olga", "acknowledged");
        Chromium.screenshot(vera, "request");

        JsonNode stored = api.get("/api/v1/tickets/" + id, ConsoleWorld.token("acme", "admin")).json();
        assertThat(stored.path("openedBy").asText()).isEqualTo("vera");
        assertThat(stored.path("assignee").asText()).isEqualTo("olga");
        assertThat(stored.path("comments")).extracting(c -> c.path("author").asText()).containsExactly("olga", "vera");
    }

    @Test
    void anOperatorStartsAPermittedJobByHandAndSeesItsRunAndAJobNotMarkedManualHasNoButton() {
        WebDriver d = browser("olga-jobs", "en-US,en", 1280, 900);
        signIn(d, "acme", "olga", List.of("acme-ops"));
        WebDriverWait wait = waiting(d);
        d.get(world.base + "/console/acme/#/jobs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("manual-jobs")));
        assertThat(d.findElements(By.cssSelector("#manual-jobs li.manual-job"))).extracting(e -> e.getAttribute("data-job"))
                .containsExactly("restart-web");
        assertThat(d.findElements(By.id("run-wipe-cache"))).isEmpty();
        d.findElement(By.id("run-reason-restart-web")).sendKeys("workers stuck after the 14:00 deploy");
        d.findElement(By.id("run-restart-web")).click();
        WebElement run = wait.until(d2 -> d2.findElements(By.cssSelector("#job-runs li.run")).stream()
                .filter(e -> e.getText().contains("workers stuck after the 14:00 deploy") && e.getText().contains("Succeeded"))
                .findFirst().orElse(null));
        assertThat(run.getText()).contains("restart-web", "started by olga", "Manual");
        run.findElement(By.cssSelector("details summary")).click();
        wait.until(d2 -> run.findElement(By.cssSelector("pre")).isDisplayed());
        assertThat(run.findElement(By.cssSelector("pre")).getText())
                .contains("web restarted for olga: workers stuck after the 14:00 deploy");
        Chromium.screenshot(d, "jobs");

        // The API refuses a job not marked manual, whatever a page would send.
        Object refused = ((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/acme/session').then(r => r.json()).then(s =>
                  fetch('/api/v1/jobs/wipe-cache/runs', {method: 'POST', headers: {[s.csrfHeader]: s.csrfToken,
                    'Content-Type': 'application/json'}, body: JSON.stringify({reason: 'try'})}))
                  .then(r => r.json().then(b => done(r.status + ' ' + b.reason)), e => done(String(e)));
                """);
        assertThat(refused).isEqualTo("409 NotManual");
        assertThat(api.get("/api/v1/jobruns?opsjob=wipe-cache", ConsoleWorld.token("acme", "admin")).json()).isEmpty();
    }

    @Test
    void theNoticesPageListsTheOperatorsNoticesNewestFirst() {
        world.engine.security().notices().send("acme", "API token ci rotated", "The token ci was replaced; the old one "
                + "stops working in 24 h.", "warning", "TokenRotated").join();
        world.engine.security().notices().send("acme", "TLS certificate renewed", "ingest's certificate now expires "
                + "on 2027-03-01.", "info", "CertificateRenewed").join();
        WebDriver d = browser("vera-notices", "en-US,en", 1280, 900);
        signIn(d, "acme", "vera", List.of());
        WebDriverWait wait = waiting(d);
        d.get(world.base + "/console/acme/#/notices");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#notices li")));
        List<WebElement> items = d.findElements(By.cssSelector("#notices li"));
        assertThat(items.get(0).getText()).contains("TLS certificate renewed", "CertificateRenewed");
        assertThat(items.get(1).getText()).contains("API token ci rotated", "stops working in 24 h",
                "Not delivered: the tenant names no notice channel.");
        assertThat(d.findElement(By.id("notices-more")).isDisplayed()).as("no older page").isFalse();
        Chromium.screenshot(d, "notices");
    }

    @Test
    void aPersonOfOneTenantNeverSeesAnothersDataInTheBrowser() {
        WebDriver d = browser("bob", "en-US,en", 1280, 900);
        signIn(d, "globex", "bob", List.of());
        WebDriverWait wait = waiting(d);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.alert")));
        assertThat(d.findElement(By.id("view")).getText()).contains("GlobexQueueBacklog").doesNotContain("DiskFull", "HighLatency");
        d.get(world.base + "/console/globex/#/tickets");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-list")));
        assertThat(d.findElement(By.id("ticket-list")).getText()).contains("queue backlog").doesNotContain("Disk /var");

        d.get(world.base + "/console/acme/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
        assertThat(d.findElement(By.id("refusal")).getAttribute("data-reason")).isEqualTo("OtherTenant");
        assertThat(d.getPageSource()).doesNotContain("DiskFull");
    }

    @Test
    void aJapaneseBrowserGetsJapaneseAndAPhoneGetsOneColumn() {
        WebDriver d = browser("phone-ja", "ja,en-US;q=0.5", 390, 844);
        d.get(world.base + "/console/acme/");
        WebDriverWait wait = waiting(d);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sso")));
        assertThat(d.findElement(By.id("sso")).getText()).isEqualTo("シングルサインオンでサインイン");
        world.nextSignIn("olga", List.of("acme-ops"));
        d.findElement(By.id("sso")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav-tickets"), "チケット"));
        d.get(world.base + "/console/acme/#/tickets");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-list")));
        assertThat(d.findElement(By.cssSelector("h2")).getText()).isEqualTo("チケット");
        // One card per ticket: the table's header row is hidden and each row spans the screen.
        assertThat(d.findElement(By.cssSelector("#ticket-list thead")).isDisplayed()).isFalse();
        WebElement row = d.findElement(By.cssSelector("#ticket-list tbody tr"));
        assertThat(row.getSize().getWidth()).isGreaterThan(300);
        Chromium.screenshot(d, "tickets-phone-ja");
        assertThat((Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth"))
                .as("nothing wider than the phone").isLessThanOrEqualTo(390L);

        // The switch changes the language for this browser.
        new Select(d.findElement(By.id("lang"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h2"), "Tickets"));
    }
}
