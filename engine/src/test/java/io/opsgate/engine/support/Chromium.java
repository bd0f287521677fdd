package io.opsgate.engine.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Debian's chromium driven by its chromium-driver, headless, with a throw-away profile; Selenium Manager is
 * never asked (both executables are named), so nothing is downloaded. {@code scripts/test-all} installs them.
 */
public final class Chromium {
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A browser whose languages are {@code acceptLanguages} and whose window is {@code width}×{@code height}. */
    public static WebDriver start(Path profile, String acceptLanguages, int width, int height) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the console's browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; scripts/test-all installs them)");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BROWSER.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=" + acceptLanguages.split(",")[0]);
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
        if (width < 500) {
            // Below the smallest desktop window: emulate the phone's viewport (as DevTools' device mode does).
            o.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", height,
                    "pixelRatio", 1.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /**
     * Saves a screenshot to {@code engine/target/console-screenshots/<name>.png}, and to {@code docs/console/} when
     * {@code -Dopsgate.updateScreenshots=true} (as {@code -Dopsgate.updateCrds} rewrites the CRDs).
     */
    public static void screenshot(WebDriver driver, String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Path.of("target", "console-screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, png);
            if (Boolean.getBoolean("opsgate.updateScreenshots")) {
                Path docs = Path.of(System.getProperty("opsgate.repoRoot", "..")).resolve("docs/console/" + name + ".png");
                Files.createDirectories(docs.getParent());
                Files.write(docs, png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A throw-away profile directory. */
    public static Path profile(Path root, String name) {
        File dir = root.resolve("chromium-" + name).toFile();
        dir.mkdirs();
        return dir.toPath();
    }
}
