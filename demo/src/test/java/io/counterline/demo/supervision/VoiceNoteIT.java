package io.counterline.demo.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.console.Console;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.User;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import io.counterline.testing.Binaries;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dictated voice note end to end (docs/recording.md "Voice notes"): a real branch server with its
 * console, a real counter caller node recording its simulated intercom (espeak-ng) in real time.
 * The teller dictates, stops and registers an order with no typed text; the note goes through the
 * caller's segment spool, its outbox event and the resumable upload, is encoded by opusenc, and is
 * fetched with Range by a manager who sees the order, refused (403) to a supervisor of another counter.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VoiceNoteIT {
    private static final Duration SECONDS = Duration.ofSeconds(60);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;
    private BranchServer server;
    private final List<AutoCloseable> devices = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = devices.size() - 1; i >= 0; i--) {
            devices.get(i).close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dictatedNote_uploadedEncoded_playableWithRangeForWhoSeesTheOrder_refusedToOthers() throws Exception {
        Binaries.require("opusenc", "opus-tools");
        Binaries.require("espeak-ng", "espeak-ng");
        TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        io.counterline.server.config.BranchConfig config = branch.config();
        server = BranchServer.start(config, Clock.systemUTC());
        Console console = server.console().orElseThrow().console();
        console.users().add("test", "-", "boss", "经理", Role.BRANCH_MANAGER, Scope.BRANCH, Optional.empty(), "en",
                "boss-password-1").get(30, TimeUnit.SECONDS);
        console.users().add("test", "-", "c2only", "二号", Role.QUALITY_SUPERVISOR, Scope.parse("counters=c2"),
                Optional.empty(), "en", "c2only-password-1").get(30, TimeUnit.SECONDS);
        String base = console.url().replaceAll("/$", "");

        DeviceRuntime kiosk = device("kiosk-1", DeviceRole.KIOSK);
        DeviceRuntime callerOne = device("caller-1", DeviceRole.COUNTER_CALLER);
        CallerNode one = caller(callerOne, "c1", base);
        await().atMost(SECONDS).until(() -> kiosk.isConnected() && callerOne.isConnected());
        assertThat(kiosk.request(Operation.TICKET_ISSUE, new Bodies.IssueTicket("A")).get(10, TimeUnit.SECONDS).ok())
                .isTrue();
        await().atMost(SECONDS).until(() -> one.controller().view().online());
        assertThat(one.controller().dictates()).isTrue();
        one.controller().signIn("t1", "1234").get(10, TimeUnit.SECONDS);
        one.controller().callNext().get(10, TimeUnit.SECONDS);

        // The teller dictates about a second (the transaction's segment and the note's are written).
        Path spool = callerOne.settings().dataDir().resolve("recordings");
        one.controller().startDictation();
        await().atMost(SECONDS).until(() -> parts(spool).size() == 2
                && parts(spool).stream().allMatch(p -> p.toFile().length() > 44 + 10 * 6400));
        String note = one.controller().stopDictation().get(10, TimeUnit.SECONDS).orElseThrow();
        Bodies.OrderCreated created = one.controller().createOrder("complaint", "", null, note)
                .get(10, TimeUnit.SECONDS);

        User boss = console.users().find("boss").orElseThrow();
        WorkOrder order = console.supervision().orders().get(boss, created.order());
        assertThat(order.description()).isEmpty();
        Path db = config.console().orElseThrow().database();
        await().atMost(SECONDS).until(() -> "stored".equals(one(db, "SELECT state FROM recordings WHERE recording_id = ?",
                note)));
        assertThat(one(db, "SELECT counter FROM recordings WHERE recording_id = ?", note)).isEqualTo("c1");
        // The caller keeps the note until the server confirmed it; then its spool holds no file of it.
        await().atMost(SECONDS).until(() -> !spoolMentions(spool, note));

        HttpClient manager = signedIn(base, "boss", "boss-password-1");
        String page = get(manager, base + "/supervision/orders/" + created.order(), null).body().toString();
        assertThat(page).contains("id=\"voice-note-audio\"").contains("/recordings/voice-notes/" + created.order());
        HttpResponse<byte[]> probe = bytes(manager, base + "/recordings/voice-notes/" + created.order(), "bytes=0-1");
        assertThat(probe.statusCode()).isEqualTo(206);
        assertThat(probe.body()).containsExactly('O', 'g');
        HttpResponse<byte[]> whole = bytes(manager, base + "/recordings/voice-notes/" + created.order(), null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type").orElse("")).startsWith("audio/ogg");
        assertThat(new String(whole.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
        Path opus = dir.resolve("note.opus");
        Files.write(opus, whole.body());
        Process dec = new ProcessBuilder("opusdec", "--quiet", opus.toString(), dir.resolve("note.wav").toString())
                .redirectErrorStream(true).start();
        assertThat(dec.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dec.exitValue()).as("the stored note decodes").isZero();
        assertThat(Files.size(dir.resolve("note.wav"))).isGreaterThan(44 + 10 * 3200);
        assertThat(one(db, "SELECT COUNT(*) FROM audit WHERE action = 'order.voice-note.play'", null)).isEqualTo("2");

        HttpClient other = signedIn(base, "c2only", "c2only-password-1");
        assertThat(bytes(other, base + "/recordings/voice-notes/" + created.order(), "bytes=0-1").statusCode())
                .isEqualTo(403);
        assertThat(one(db, "SELECT COUNT(*) FROM audit WHERE action = 'order.voice-note.play'", null)).isEqualTo("2");
    }

    private static List<Path> parts(Path spool) throws IOException {
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(spool)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static boolean spoolMentions(Path spool, String recording) throws IOException {
        try (Stream<Path> s = Files.list(spool)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".seg")).toList()) {
                if (Files.readString(p).contains(recording)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String one(Path db, String sql, String arg) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static HttpClient signedIn(String base, String login, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        Matcher m = CSRF.matcher(get(client, base + "/login", null).body().toString());
        assertThat(m.find()).isTrue();
        String form = "csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&login=" + login
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("signed in").isBetween(300, 399);
        return client;
    }

    private static HttpResponse<String> get(HttpClient client, String url, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (range != null) {
            b.header("Range", range);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> bytes(HttpClient client, String url, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (range != null) {
            b.header("Range", range);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private DeviceRuntime device(String id, DeviceRole role) throws Exception {
        DeviceRuntime runtime = TestDevices.start(id, role, server.brokerUri(), dir.resolve(id));
        devices.add(runtime);
        return runtime;
    }

    private CallerNode caller(DeviceRuntime runtime, String counter, String consoleUrl) {
        CallerSettings settings = CallerSettings.from(ConfigFactory.parseString("counter = " + counter
                + ", counter-number = \"" + counter.substring(1) + "\", recording { enabled = true, source = simulated,"
                + " server-url = \"" + consoleUrl + "\", retry-initial = 50ms, retry-max = 500ms }")
                .withFallback(ConfigFactory.defaultReference().getConfig("counter-caller")));
        CallerHardware hardware = CallerHardware.simulated();
        devices.add(hardware);
        CallerNode node = CallerNode.start(settings, runtime, hardware);
        devices.add(node);
        return node;
    }
}
