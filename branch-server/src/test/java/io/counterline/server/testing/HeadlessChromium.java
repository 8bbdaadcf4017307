package io.counterline.server.testing;

import io.counterline.testing.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver through Selenium, headless, with a profile of its own in
 * {@code dir}, quiet (no network of its own). Skips the test when they are missing outside CI
 * and fails under CI=true ({@link Binaries#require}).
 */
public final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** @param extraArguments more Chromium switches, e.g. {@code --autoplay-policy=no-user-gesture-required} */
    public static WebDriver start(Path dir, String... extraArguments) throws IOException {
        Path chromium = Binaries.require("chromium", "chromium");
        Path driver = Binaries.require("chromedriver", "chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        options.addArguments(extraArguments);
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }

    /**
     * Waits until {@code page} (an element of the page before a navigation) has left the document.
     * Selenium's {@code stalenessOf} expects a StaleElementReferenceException, but ChromeDriver
     * sometimes answers a node of the old document with "Node with given id does not belong to
     * the document" instead (seen in CI): that means replaced too.
     */
    public static void awaitReplaced(WebDriver browser, WebElement page, Duration within) {
        new WebDriverWait(browser, within).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException | NoSuchElementException gone) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /**
     * Waits until the element {@code where} finds contains {@code text}, across a navigation:
     * Selenium's {@code textToBePresentInElementLocated} takes a StaleElementReferenceException
     * for a page being replaced, not ChromeDriver's "does not belong to the document" (see
     * {@link #awaitReplaced}), which failed a CI run between finding the element and reading it.
     */
    public static void awaitText(WebDriver browser, org.openqa.selenium.By where, String text, Duration within) {
        new WebDriverWait(browser, within).until(d -> {
            try {
                return d.findElement(where).getText().contains(text);
            } catch (StaleElementReferenceException | NoSuchElementException gone) {
                return false;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return false;
                }
                throw e;
            }
        });
    }
}
