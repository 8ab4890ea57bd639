package dev.seatflow.reconciler.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium driven through its chromedriver (Debian: {@code apt-get install
 * chromium chromium-driver}), with the flags a machine without internet access needs. Nothing is
 * downloaded: Selenium Manager is never asked, both executables are given explicitly.
 *
 * <p>Where they are absent the browser test is skipped with a message, so {@code mvn verify} works
 * on a machine with only a JDK and Maven; with {@code SEATFLOW_BROWSER_TEST=required} (CI sets it)
 * a browser that cannot start fails the test instead.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String REQUIRED_VARIABLE = "SEATFLOW_BROWSER_TEST";
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/lib/chromium/chromium");
    private static final List<String> CHROMEDRIVER = List.of("/usr/bin/chromedriver",
            "/usr/lib/chromium/chromedriver");
    /** Selenium warns that it has no DevTools binding for this exact Chromium version; the test needs none. */
    private static final Logger SELENIUM_DEVTOOLS = Logger.getLogger("org.openqa.selenium.devtools");
    private static final Logger SELENIUM_CDP = Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh headless browser, or the test is skipped (failed when the browser test is required). */
    static HeadlessChromium startOrSkip(int width, int height) {
        boolean required = "required".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
        Optional<Path> chromium = locate("SEATFLOW_CHROMIUM", CHROMIUM);
        Optional<Path> chromedriver = locate("SEATFLOW_CHROMEDRIVER", CHROMEDRIVER);
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String missing = "the browser test needs Chromium and chromedriver ("
                    + (chromium.isEmpty() ? "no Chromium in " + searched("SEATFLOW_CHROMIUM", CHROMIUM)
                            : "Chromium " + chromium.get()) + "; "
                    + (chromedriver.isEmpty() ? "no chromedriver in " + searched("SEATFLOW_CHROMEDRIVER", CHROMEDRIVER)
                            : "chromedriver " + chromedriver.get())
                    + "). Install them (Debian/Ubuntu: apt-get install chromium chromium-driver)"
                    + " or point SEATFLOW_CHROMIUM / SEATFLOW_CHROMEDRIVER at them";
            skipOrFail(required, missing, null);
        }
        SELENIUM_DEVTOOLS.setLevel(Level.SEVERE);
        SELENIUM_CDP.setLevel(Level.SEVERE);
        Path profile;
        try {
            profile = Files.createTempDirectory("seatflow-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=en-US",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(driver, profile);
        } catch (WebDriverException e) {
            deleteQuietly(profile);
            String why = "Chromium " + chromium.get() + " with " + chromedriver.get() + " did not start: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            skipOrFail(required, why, e);
            throw e; // not reached: skipOrFail throws
        }
    }

    /** Skips the test, saying why on the console too; fails it instead when the browser test is required. */
    private static void skipOrFail(boolean required, String why, Throwable cause) {
        if (required) {
            throw new AssertionError(REQUIRED_VARIABLE + "=required, but " + why, cause);
        }
        System.err.println("[DashboardBrowserIT] SKIPPED: " + why + ".");
        Assumptions.abort("Skipped: " + why + ".");
    }

    private static String searched(String variable, List<String> candidates) {
        String given = System.getenv(variable);
        return given != null && !given.isBlank() ? variable + "=" + given : candidates.toString();
    }

    ChromeDriver driver() {
        return driver;
    }

    private static Optional<Path> locate(String variable, List<String> candidates) {
        String given = System.getenv(variable);
        Stream<String> paths = given != null && !given.isBlank() ? Stream.of(given) : candidates.stream();
        return paths.map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary profile left behind is harmless
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }
}
