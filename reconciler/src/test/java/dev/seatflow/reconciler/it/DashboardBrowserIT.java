package dev.seatflow.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.InboundEvent;
import dev.seatflow.testkit.events.Events;
import dev.seatflow.reconciler.ops.OpsServer;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.testkit.Eventually;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser against the real running service: what a person sees at
 * {@code /}, and that it follows the service live, without a reload.
 *
 * <p>Headless Chromium through chromedriver ({@link HeadlessChromium}); skipped with a message where
 * neither is installed, unless {@code SEATFLOW_BROWSER_TEST=required} (CI), where it fails.
 */
@WithKafka
class DashboardBrowserIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The page polls every second; a few polls' worth of slack for a busy CI host. */
    private static final Duration PAGE_PATIENCE = Duration.ofSeconds(20);
    private static final String SKU = "ENTERPRISEPACK";
    private static final String CARD = "section.tenant[data-tenant='contoso'] article.sku[data-sku='" + SKU + "']";

    @Test
    void showsSeatsQueueAndLatestEventsAndFollowsTheServiceLive(KafkaCluster kafka) throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.startOrSkip(1280, 900);
                Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "dashboard", 2)) {
            ChromeDriver browser = chromium.driver();
            String joined = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            Events contoso = Events.tenant("contoso").at(joined);
            Events fabrikam = Events.tenant("fabrikam").at(joined);
            // contoso: 3 seats for 6 people; u-06 has no usage location, so it is Blocked but keeps
            // its place in line between u-04 and u-05 (first come, first served).
            List<InboundEvent> backlog = new ArrayList<>(List.of(
                    contoso.subscription(SKU, 3),
                    contoso.member("u-01", "US"), contoso.member("u-02", "US"), contoso.member("u-03", "US"),
                    contoso.member("u-04", "US"), contoso.member("u-05", "DE"), contoso.member("u-06", null),
                    contoso.groupLicenseAssigned("g-staff", SKU)));
            for (String user : List.of("u-01", "u-02", "u-03", "u-04", "u-06", "u-05")) {
                backlog.add(contoso.memberAdded("g-staff", user));
            }
            // fabrikam: a SKU assigned directly but never announced by a subscription (0 seats).
            backlog.add(fabrikam.member("f-01", "FR"));
            backlog.add(fabrikam.userLicenseAssigned("f-01", "EMS"));
            pipeline.publishBacklog(backlog);

            try (ReconcilerService service = pipeline.startService("browser-it")) {
                OpsServer http = OpsServer.start(0, service);
                try {
                    Eventually.await(PATIENCE, "the service commits its input", pipeline::quiescent);
                    browser.get("http://127.0.0.1:" + http.port() + "/");

                    // The header strip: connected and ready, this instance, what it consumed, no lag.
                    waitFor(browser, "the page to show 'Ready'", d -> text(d, "#connection").equals("Ready"));
                    assertThat(browser.getTitle()).contains("Seatflow");
                    assertThat(text(browser, "#instance")).isEqualTo("browser-it");
                    waitFor(browser, "consumed " + backlog.size(),
                            d -> text(d, "#consumed").equals(Integer.toString(backlog.size())));
                    assertThat(text(browser, "#lag")).isEqualTo("0");

                    // Tenants in id order, each with its SKUs.
                    waitFor(browser, "both tenants", d -> tenantNames(d).equals(List.of("contoso", "fabrikam")));
                    WebElement card = browser.findElement(By.cssSelector(CARD));
                    assertThat(card.findElement(By.cssSelector(".sku-id")).getText()).isEqualTo(SKU);
                    assertThat(card.findElement(By.cssSelector(".status")).getText()).isEqualTo("Enabled");
                    assertThat(oneLine(card.findElement(By.cssSelector(".numbers")).getText()))
                            .isEqualTo("3 / 3 assigned 0 available");
                    waitFor(browser, "a full bar (it animates)", d -> share(d, ".seg-assigned") > 0.98);
                    assertThat(oneLine(card.findElement(By.cssSelector(".queue-summary")).getText()))
                            .isEqualTo("3 waiting: 2 queued, 1 blocked");
                    assertThat(queueRows(browser)).containsExactly(
                            "1 u-04 Queued SeatsExhausted",
                            "2 u-06 Blocked UsageLocationRequired",
                            "3 u-05 Queued SeatsExhausted");
                    assertThat(card.findElements(By.cssSelector(".queue tbody td.when time")))
                            .as("every waiting user shows since when").hasSize(3)
                            .allSatisfy(t -> assertThat(t.getText()).matches("(\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d"));
                    assertThat(card.findElement(By.cssSelector(".more")).isDisplayed())
                            .as("no '... and N more' when the whole queue is listed").isFalse();
                    assertThat(card.findElement(By.cssSelector(".alert")).getText()).as("the seat alert level")
                            .isEqualTo("Exhausted");

                    // The licensed groups (group status): members, members in error, per SKU assigned / queued / blocked.
                    assertThat(oneLine(text(browser, "section.tenant[data-tenant='contoso'] .groups tr[data-group='g-staff']")))
                            .isEqualTo("g-staff 6 3 " + SKU + " 3 / 2 / 1");

                    WebElement ems = browser.findElement(By.cssSelector(
                            "section.tenant[data-tenant='fabrikam'] article.sku[data-sku='EMS']"));
                    assertThat(ems.findElement(By.cssSelector(".status")).getText()).isEqualTo("not announced");
                    assertThat(oneLine(ems.findElement(By.cssSelector(".numbers")).getText()))
                            .isEqualTo("0 / 0 assigned 0 available");

                    // The latest events, newest first: in contoso, the last one to join was queued.
                    List<String> latest = latestEvents(browser);
                    assertThat(latest.stream().filter(e -> e.contains("contoso")).findFirst()).get().asString()
                            .contains("u-05", SKU, "Queued", "SeatsExhausted", "← none");
                    assertThat(latest).anySatisfy(e -> assertThat(e).contains("f-01", "EMS", "fabrikam", "Queued"))
                            .anySatisfy(e -> assertThat(e).contains("u-03", SKU, "contoso", "Assigned", "← none"))
                            .anySatisfy(e -> assertThat(e).contains("u-06", "Blocked", "UsageLocationRequired"));

                    // Why is u-06 waiting? The explain dialog answers from /api/explain.
                    card.findElement(By.xpath(".//button[normalize-space()='u-06']")).click();
                    waitFor(browser, "the explanation of u-06", d -> text(d, "#explain-body")
                            .contains("u-06 is Blocked for " + SKU + " (UsageLocationRequired)"));
                    assertThat(text(browser, "#explain-body")).contains("number 2 in line");
                    browser.findElement(By.cssSelector("#explain button")).click();
                    waitFor(browser, "the dialog to close", d -> !d.findElement(By.id("explain")).isDisplayed());

                    // Live: one more seat is bought. Without a reload, u-04 (first in line) gets it.
                    ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");
                    pipeline.publish(List.of(contoso.at(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                            .subscription(SKU, 4)));
                    waitFor(browser, "u-04 to show as assigned, without a reload", d ->
                            oneLine(d.findElement(By.cssSelector(CARD + " .numbers")).getText())
                                    .equals("4 / 4 assigned 0 available")
                                    && latestEvents(d).get(0).contains("u-04")
                                    && latestEvents(d).get(0).contains("Assigned ← Queued"));
                    assertThat(queueRows(browser)).containsExactly(
                            "1 u-06 Blocked UsageLocationRequired",
                            "2 u-05 Queued SeatsExhausted");
                    assertThat(oneLine(text(browser, CARD + " .queue-summary"))).isEqualTo("2 waiting: 1 queued, 1 blocked");
                    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;"))
                            .as("the page was updated in place, not reloaded").isEqualTo("yes");

                    // Fewer seats never take one back: the excess shows as over-allocated, in the warning colour.
                    pipeline.publish(List.of(contoso.subscription(SKU, 2)));
                    waitFor(browser, "2 over-allocated", d -> oneLine(text(d, CARD + " .numbers"))
                            .matches("4 / 2 assigned 0 available \\W*2 over-allocated"));
                    assertThat(browser.findElement(By.cssSelector(CARD + " .stat-over")).getCssValue("color"))
                            .isEqualTo("rgba(217, 72, 15, 1)");
                    waitFor(browser, "the alert level Over-allocated, and its event among the seat alerts", d ->
                            text(d, CARD + " .alert").equals("Over-allocated")
                                    && text(d, "#alerts").contains("OverAllocated"));
                    waitFor(browser, "half of the bar over-allocated (the bar animates)",
                            d -> Math.abs(share(d, ".seg-over") - 0.5) < 0.02);
                    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;")).isEqualTo("yes");
                    Path shot = Path.of("target", "dashboard.png");
                    Files.createDirectories(shot.getParent());
                    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

                    // The service goes away: the page says so and keeps the last data on screen.
                    http.close();
                    waitFor(browser, "the page to show 'Disconnected'", d -> text(d, "#connection").equals("Disconnected"));
                    assertThat(tenantNames(browser)).containsExactly("contoso", "fabrikam");
                } finally {
                    http.close();
                }
            }
        }
    }

    private static void waitFor(WebDriver browser, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PAGE_PATIENCE, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(IndexOutOfBoundsException.class)
                .withMessage(() -> "waiting for " + what + "; the page shows:\n" + pageText(browser))
                .until(condition::apply);
    }

    private static String pageText(WebDriver browser) {
        try {
            return browser.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    /** Visible text with line breaks and runs of spaces as single spaces. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static List<String> tenantNames(WebDriver browser) {
        return browser.findElements(By.cssSelector("section.tenant h3")).stream().map(WebElement::getText).toList();
    }

    /** Each queue row as a person reads it: position, user, state and reason. */
    private static List<String> queueRows(WebDriver browser) {
        return browser.findElements(By.cssSelector(CARD + " .queue tbody tr")).stream()
                .map(tr -> oneLine(tr.findElement(By.cssSelector("td.pos")).getText() + " "
                        + tr.findElement(By.cssSelector("td.user")).getText() + " "
                        + tr.findElement(By.cssSelector("td.why")).getText()))
                .toList();
    }

    private static List<String> latestEvents(WebDriver browser) {
        return browser.findElements(By.cssSelector("#latest li")).stream().map(li -> oneLine(li.getText())).toList();
    }

    /** The rendered width of one segment of the SKU's bar as a share of the whole bar. */
    private static double share(WebDriver browser, String segment) {
        double bar = browser.findElement(By.cssSelector(CARD + " .bar")).getRect().getWidth();
        double seg = browser.findElement(By.cssSelector(CARD + " .bar " + segment)).getRect().getWidth();
        return seg / bar;
    }
}
