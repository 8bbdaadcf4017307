package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageState;
import io.counterline.console.signage.SignageDesk;
import io.counterline.server.BranchServer;
import io.counterline.testing.Binaries;
import io.counterline.testing.TestVideos;
import io.counterline.server.testing.HeadlessChromium;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Hall media in a real Chromium against a real branch server: an editor uploads (a PNG is taken;
 * an SVG and a "PNG" that is not one are refused), writes a notice, builds and submits a playlist
 * and cannot approve it; an approver approves it and the retained {@code state/signage} a hall
 * display receives carries it; the emergency notice goes on and off at once, audited. An editor
 * uploads an H.264 video (an H.265 one is refused), gives it a time and a volume (out of bounds:
 * refused), and can delete it only once no playlist names it. A 2 GB upload is refused from its
 * header, before its body is read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HallMediaBrowserIT {
    private static final String PASSWORD = "correct-horse-9";
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path dir;
    private BranchServer server;
    private DeviceRuntime hall;
    private final AtomicReference<SignageState> retained = new AtomicReference<>();
    private WebDriver browser;
    private String base;

    @BeforeAll
    void start() throws Exception {
        Binaries.require("chromium", "chromium"); // skip before starting anything when it is missing
        TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        server = BranchServer.start(branch.config(), Clock.systemUTC());
        ConsoleUsers users = server.console().orElseThrow().console().users();
        users.add("test", "local", "editor", "编辑 Editor", Role.SIGNAGE_EDITOR, Scope.BRANCH, Optional.empty(), "en",
                PASSWORD).join();
        users.add("test", "local", "approver", "审核 Approver", Role.SIGNAGE_APPROVER, Scope.BRANCH, Optional.empty(),
                "en", PASSWORD).join();
        base = server.console().orElseThrow().console().url();
        hall = TestDevices.start("hall-1", DeviceRole.HALL_DISPLAY, branch.brokerUri(), dir);
        hall.onState(hall.topics().signage(), SignageState.class, retained::set);
        await().atMost(Duration.ofSeconds(20)).until(() -> hall.isConnected());

        browser = HeadlessChromium.start(dir);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hall != null) {
            hall.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void editorUploadsAndSubmits_cannotApprove_approverApproves_emergencyOnAndOff() throws Exception {
        Path png = dir.resolve("promo.png");
        Files.write(png, png());
        Path svg = dir.resolve("evil.svg");
        Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        Path fake = dir.resolve("fake.png");
        Files.writeString(fake, "GIF89a this is not a PNG at all");

        signIn("editor");
        browser.get(base + "signage");
        upload(svg);
        assertThat(browser.findElement(By.id("error")).getText()).contains("SVG is not accepted");
        upload(fake);
        assertThat(browser.findElement(By.id("error")).getText()).contains("not a PNG image");
        upload(png);
        assertThat(browser.findElements(By.cssSelector("#library img.preview"))).hasSize(1);
        String src = browser.findElement(By.cssSelector("#library img.preview")).getAttribute("src");
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth === 400;",
                browser.findElement(By.cssSelector("#library img.preview")))).isTrue(); // the preview loads

        browser.findElement(By.id("notice-zh")).sendKeys("<b>今日</b>理财讲座");
        browser.findElement(By.id("notice-en")).sendKeys("Savings talk today");
        submit(By.id("add-notice"));
        assertThat(browser.findElement(By.cssSelector("#library td.notice")).getText()).isEqualTo("<b>今日</b>理财讲座");

        for (var box : browser.findElements(By.cssSelector("#library input[type=checkbox]"))) {
            box.click();
        }
        browser.findElement(By.id("playlist-id")).sendKeys("default");
        browser.findElement(By.id("playlist-slide")).sendKeys("6");
        submit(By.id("save-playlist"));
        assertThat(browser.findElement(By.id("drafts")).getText()).contains("default");
        submit(By.id("submit"));
        assertThat(browser.findElement(By.id("revision-1")).getText()).contains("pending").contains("editor");

        // The editor sees no approve button, and a forged approval with the editor's token is refused.
        assertThat(browser.findElements(By.id("approve-1"))).isEmpty();
        postForm("/signage/revisions/1/approve");
        assertThat(browser.getPageSource()).contains("403");
        assertThat(browser.findElements(By.id("emergency-on"))).isEmpty();
        assertThat(retained.get() == null || retained.get().schedule() == null).isTrue(); // nothing reached the hall

        signOut();
        signIn("approver");
        browser.get(base + "signage");
        submit(By.id("approve-1"));
        assertThat(browser.findElement(By.id("revision-1")).getText()).contains("approved").contains("approver");
        await().atMost(Duration.ofSeconds(10)).until(() -> retained.get() != null && retained.get().schedule() != null);
        var playlist = retained.get().schedule().playlists().get(0);
        assertThat(playlist.id()).isEqualTo("default");
        assertThat(playlist.slideSeconds()).isEqualTo(6);
        assertThat(playlist.items()).extracting(i -> i.type()).containsExactlyInAnyOrder("image", "notice");
        assertThat(retained.get().schedule().mediaUrl() + playlist.items().stream().filter(i -> i.type().equals("image"))
                .findFirst().orElseThrow().sha256()).isEqualTo(src);

        browser.findElement(By.id("emergency-zh")).sendKeys("大厅临时关闭");
        browser.findElement(By.id("emergency-en")).sendKeys("The hall is closed");
        submit(By.id("emergency-on"));
        assertThat(browser.findElement(By.id("emergency-current")).getText()).contains("大厅临时关闭");
        await().atMost(Duration.ofSeconds(10)).until(() -> retained.get().schedule().emergency() != null);
        submit(By.id("emergency-off"));
        assertThat(browser.findElement(By.id("emergency-current")).getText()).isEqualTo("–");
        await().atMost(Duration.ofSeconds(10)).until(() -> retained.get().schedule().emergency() == null);
        assertThat(retained.get().schedule().playlists()).hasSize(1); // the approved schedule plays on

        // Head office's notices (as its configuration's signage part sets them): played beside the
        // approved playlist, listed read-only on the page, escaped; then taken down again.
        var desk = server.console().orElseThrow().console().signage();
        desk.setHeadOffice("head-office", "cluster", 4, Optional.of(new SignageSchedule.Playlist(
                SignageDesk.HEAD_OFFICE, 2, List.of(), List.of(), null, null, "08:00", "18:00", 10, List.of(
                        new SignageSchedule.Item("notice", null, 0, "<script>document.title='owned'</script>谨防诈骗",
                                "Beware of fraud")))));
        await().atMost(Duration.ofSeconds(10)).until(() -> retained.get().schedule().playlists().size() == 2);
        assertThat(retained.get().schedule().playlists().get(1).id()).isEqualTo(SignageDesk.HEAD_OFFICE);
        browser.get(base + "signage");
        assertThat(browser.findElement(By.id("head-office-notices")).getText())
                .contains("<script>document.title='owned'</script>谨防诈骗", "Beware of fraud");
        assertThat(browser.findElement(By.id("head-office-about")).getText()).contains("v4", "08:00 – 18:00");
        assertThat(browser.getTitle()).doesNotContain("owned");
        assertThat(browser.findElements(By.cssSelector("#head-office-notices form, #head-office-notices input")))
                .as("read-only").isEmpty();
        desk.setHeadOffice("head-office", "cluster", 5, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> retained.get().schedule().playlists().size() == 1);
        browser.get(base + "signage");
        assertThat(browser.findElement(By.id("head-office-none")).getText()).isEqualTo("–");

        assertThat(auditActions()).contains("signage.upload", "signage.submit", "forbidden", "signage.approve",
                "signage.emergency.on", "signage.emergency.off", "signage.head-office");
    }

    @Test
    void editorUploadsAVideo_setsItsTimeAndVolume_cannotDeleteItWhileAPlaylistNamesIt_thenDeletesIt() throws Exception {
        Path clip = TestVideos.h264(dir.resolve("clip.mp4"), 1);
        Path h265 = TestVideos.h265(dir.resolve("h265.mp4"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(clip)));
        String id = sha.substring(0, 12);

        signIn("editor");
        browser.get(base + "signage");
        upload(h265);
        assertThat(browser.findElement(By.id("error")).getText()).contains("H.265").contains("H.264");
        upload(clip);
        assertThat(browser.findElement(By.cssSelector("#library video.preview")).getAttribute("src"))
                .isEqualTo(base + "media/" + sha);
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "media/"
                + sha)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("video/mp4"));
        assertThat(served.body()).isEqualTo(Files.readAllBytes(clip));

        browser.findElement(By.id("item-" + id)).click();
        browser.findElement(By.id("seconds-" + id)).sendKeys("45");
        browser.findElement(By.id("volume-" + id)).sendKeys("101");
        browser.findElement(By.id("playlist-id")).sendKeys("clips");
        submit(By.id("save-playlist"));
        assertThat(browser.findElement(By.id("error")).getText()).contains("volume").contains("0 to 100");
        browser.findElement(By.id("item-" + id)).click();
        browser.findElement(By.id("seconds-" + id)).sendKeys("45");
        browser.findElement(By.id("volume-" + id)).sendKeys("30");
        browser.findElement(By.id("playlist-id")).sendKeys("clips");
        submit(By.id("save-playlist"));
        assertThat(browser.findElement(By.id("drafts")).getText()).contains("clips");

        submit(By.id("delete-" + id));
        assertThat(browser.findElement(By.id("error")).getText()).contains("in playlist clips of the draft");
        assertThat(browser.findElements(By.id("item-" + id))).hasSize(1);

        submit(By.cssSelector("form[action='/signage/playlists/clips/remove'] button"));
        submit(By.id("delete-" + id));
        assertThat(browser.findElements(By.id("error"))).isEmpty();
        assertThat(browser.findElements(By.id("item-" + id))).isEmpty();
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "media/" + sha)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        assertThat(dir.resolve("server").resolve("media").resolve(sha)).doesNotExist();
        assertThat(auditActions()).contains("signage.media.remove");
        signOut();
    }

    @Test
    void aTwoGigabyteUpload_isRefusedFromItsHeader() throws Exception {
        URI uri = URI.create(base);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /signage/upload HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 2147483648\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]); // a little of the 2 GB; the answer must not wait for the rest
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    // ---------------------------------------------------------------- helpers

    private void signIn(String login) {
        browser.get(base + "login");
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/signage"));
    }

    private void signOut() {
        submit(By.id("logout"));
    }

    private void upload(Path file) {
        browser.findElement(By.id("upload-file")).sendKeys(file.toString());
        submit(By.id("upload"));
    }

    /** Clicks a form's button and waits until the next page has replaced this one. */
    private void submit(By button) {
        var page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        HeadlessChromium.awaitReplaced(browser, page, Duration.ofSeconds(10));
    }

    /** Submits a form to {@code action} carrying the page's CSRF token, as a hand-made request would. */
    private void postForm(String action) {
        ((JavascriptExecutor) browser).executeScript("""
                const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];
                const t = document.createElement('input'); t.type = 'hidden'; t.name = 'csrf';
                t.value = document.querySelector('input[name=csrf]').value; f.appendChild(t);
                document.body.appendChild(f); f.submit();""", action);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith(action));
    }

    private List<String> auditActions() throws Exception {
        return ConsoleBranch.auditActions(dir);
    }

    private static byte[] png() throws Exception {
        // Noise, so the file is a few hundred KB: well over the 64 KiB limit of other request bodies.
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(400, 300, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        byte[] bytes = out.toByteArray();
        assertThat(java.util.Arrays.copyOf(bytes, 8)).isEqualTo(PNG_MAGIC);
        assertThat(bytes.length).isGreaterThan(256 * 1024);
        return bytes;
    }
}
