package io.counterline.demo.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.console.Console;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.User;
import io.counterline.console.monitor.MonitorEvent;
import io.counterline.console.monitor.MonitorFeed;
import io.counterline.console.supervision.OrderAction;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work orders from the counter, end to end: a real branch server (engine, SQLite store, embedded
 * broker, console with supervision) and real counter caller nodes and a kiosk runtime over MQTT.
 * The teller at c1 registers a complaint for the customer being served; it is in the console,
 * linked to the ticket, counter and teller, created once however often the request is asked
 * again; the teller it is about cannot own it; its reminder reaches the owner's counter caller
 * (the teller signed in at c2) and the live monitor, and not the teller concerned; signed out and
 * in again, the owner's caller shows the standing reminder again. A dictated voice note (docs/recording.md
 * "Voice notes") from a caller node recording its simulated intercom (espeak-ng) in real time goes
 * through the spool, the outbox event and the resumable upload, is encoded by opusenc and fetched
 * with Range by a manager who sees the order, refused (403) to a supervisor of another counter.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CounterOrderIT {
    private static final Duration SECONDS = Duration.ofSeconds(20);
    /** Upload, encoding and its check on a loaded machine. */
    private static final Duration UPLOAD = Duration.ofSeconds(60);
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
    void orderFromTheCounter_inTheConsoleOnce_andItsReminderOnTheOwnersCallerAndTheMonitor() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        io.counterline.server.config.BranchConfig config = branch.config();
        server = BranchServer.start(config, Clock.systemUTC());
        Console console = server.console().orElseThrow().console();
        console.users().add("test", "-", "boss", "经理", Role.BRANCH_MANAGER, Scope.BRANCH, Optional.empty(), "zh",
                "boss-password-1").get(30, TimeUnit.SECONDS);
        console.users().add("test", "-", "wang", "王芳", Role.TELLER, Scope.BRANCH, Optional.of("t1"), "zh",
                "wang-password-1").get(30, TimeUnit.SECONDS);
        console.users().add("test", "-", "li", "李娜", Role.TELLER, Scope.BRANCH, Optional.of("t2"), "zh",
                "li-password-1").get(30, TimeUnit.SECONDS);
        List<MonitorEvent> monitor = new CopyOnWriteArrayList<>();
        console.feed().subscribe(new MonitorFeed.Subscriber() {
            @Override
            public boolean send(MonitorEvent event) {
                return monitor.add(event);
            }

            @Override
            public boolean heartbeat() {
                return true;
            }

            @Override
            public Scope scope() {
                return Scope.parse("counters=c1");
            }
        }, Optional.empty());

        DeviceRuntime kiosk = device("kiosk-1", DeviceRole.KIOSK);
        DeviceRuntime callerOne = device("caller-1", DeviceRole.COUNTER_CALLER);
        CallerNode one = caller(callerOne, "c1");
        CallerNode two = caller(device("caller-2", DeviceRole.COUNTER_CALLER), "c2");
        await().atMost(SECONDS).until(() -> kiosk.isConnected() && callerOne.isConnected());
        assertThat(TestDevices.ask(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A")).ok())
                .isTrue();

        // The teller at c1 serves A001 and registers the customer's complaint.
        await().atMost(SECONDS).until(() -> one.controller().view().online());
        one.controller().signIn("t1", "1234").get(10, TimeUnit.SECONDS);
        one.controller().callNext().get(10, TimeUnit.SECONDS);
        Bodies.OrderCreated created = one.controller().createOrder("complaint", "<b>等候太久</b>", "138-0000-0000")
                .get(10, TimeUnit.SECONDS);
        assertThat(created.ticket()).isEqualTo("A001");
        assertThat(one.controller().view().notice()).startsWith("已登记工单 #" + created.order() + " 投诉 A001");

        User boss = console.users().find("boss").orElseThrow();
        WorkOrder order = console.supervision().orders().get(boss, created.order());
        assertThat(order.channel()).isEqualTo("counter");
        assertThat(order.category()).isEqualTo("complaint");
        assertThat(order.ticket()).startsWith("b001-").endsWith("-A001");
        assertThat(order.counter()).isEqualTo("c1");
        assertThat(order.teller()).isEqualTo("t1");
        assertThat(order.owner()).isNull();
        assertThat(order.description()).isEqualTo("<b>等候太久</b>");
        assertThat(order.deadline()).isEqualTo(created.deadline()).isAfter(order.createdAt());

        // "What became of id X": the same request id asked twice creates nothing more.
        String id = UUID.randomUUID().toString();
        Bodies.NewOrder question = new Bodies.NewOrder("consultation", "开户材料", null);
        Response first = callerOne.requests().send(id, Operation.ORDER_CREATE, question, SECONDS).get(20,
                TimeUnit.SECONDS);
        Response again = callerOne.requests().send(id, Operation.ORDER_CREATE, question, SECONDS).get(20,
                TimeUnit.SECONDS);
        long firstNo = callerOne.codec().decodeBody(first.result(), Bodies.OrderCreated.class).orThrow().order();
        assertThat(callerOne.codec().decodeBody(again.result(), Bodies.OrderCreated.class).orThrow().order())
                .isEqualTo(firstNo);
        assertThat(console.supervision().orders().visible(boss)).extracting(WorkOrder::id)
                .containsExactlyInAnyOrder(created.order(), firstNo);
        // Only counter callers may ask.
        assertThat(kiosk.request(Operation.ORDER_CREATE, question).get(10, TimeUnit.SECONDS).error().code())
                .isEqualTo("NOT_ALLOWED");

        // The teller it is about cannot own it; li (t2, signed in at c2) does.
        assertThatThrownBy(() -> console.supervision().orders().act(boss, "-", created.order(), OrderAction.ASSIGN,
                "wang", "")).hasMessage("the teller an order is about cannot be its owner");
        console.supervision().orders().act(boss, "-", created.order(), OrderAction.ASSIGN, "li", "请回电");
        await().atMost(SECONDS).until(() -> two.controller().view().online());
        two.controller().signIn("t2", "1234").get(10, TimeUnit.SECONDS);

        // The reminder falls due (a reminder time longer than any deadline) and is raised once.
        try (SupervisionStore settings = SupervisionStore.open(config.console().orElseThrow().database())) {
            settings.setSetting("reminder-before", "999d");
        }
        console.supervision().escalator().tick();
        console.supervision().escalator().tick();
        await().atMost(SECONDS).until(() -> two.controller().notices().notices().stream()
                .anyMatch(n -> n.order() == created.order() && n.level().equals("reminder")));
        await().atMost(SECONDS).until(() -> monitor.stream().anyMatch(e -> e.type().equals("notice")
                && e.json().contains("\"order\":" + created.order()) && e.json().contains("\"to\":\"li\"")));
        assertThat(one.controller().notices().notices()).as("the teller concerned is not told").isEmpty();
        assertThat(two.controller().notices().notices()).hasSize(1);

        // Signing out clears the caller's notices; signing in again brings the standing one back.
        two.controller().signOut().get(10, TimeUnit.SECONDS);
        await().atMost(SECONDS).until(() -> two.controller().notices().notices().isEmpty());
        two.controller().signIn("t2", "1234").get(10, TimeUnit.SECONDS);
        await().atMost(SECONDS).until(() -> two.controller().notices().notices().stream()
                .anyMatch(n -> n.order() == created.order()));
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
        CallerNode one = caller(callerOne, "c1", "recording { enabled = true, source = simulated,"
                + " server-url = \"" + base + "\", retry-initial = 50ms, retry-max = 500ms }");
        await().atMost(UPLOAD).until(() -> kiosk.isConnected() && callerOne.isConnected());
        assertThat(TestDevices.ask(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A")).ok())
                .isTrue();
        await().atMost(UPLOAD).until(() -> one.controller().view().online());
        assertThat(one.controller().dictates()).isTrue();
        one.controller().signIn("t1", "1234").get(10, TimeUnit.SECONDS);
        one.controller().callNext().get(10, TimeUnit.SECONDS);

        // The teller dictates about a second (the transaction's segment and the note's are written).
        Path spool = callerOne.settings().dataDir().resolve("recordings");
        one.controller().startDictation();
        await().atMost(UPLOAD).until(() -> parts(spool).size() == 2
                && parts(spool).stream().allMatch(p -> p.toFile().length() > 44 + 10 * 6400));
        String note = one.controller().stopDictation().get(10, TimeUnit.SECONDS).orElseThrow();
        Bodies.OrderCreated created = one.controller().createOrder("complaint", "", null, note)
                .get(10, TimeUnit.SECONDS);

        User boss = console.users().find("boss").orElseThrow();
        WorkOrder order = console.supervision().orders().get(boss, created.order());
        assertThat(order.description()).isEmpty();
        Path db = config.console().orElseThrow().database();
        await().atMost(UPLOAD).until(() -> "stored".equals(one(db, "SELECT state FROM recordings WHERE recording_id = ?",
                note)));
        assertThat(one(db, "SELECT counter FROM recordings WHERE recording_id = ?", note)).isEqualTo("c1");
        // The caller keeps the note until the server confirmed it; then its spool holds no file of it.
        await().atMost(UPLOAD).until(() -> !spoolMentions(spool, note));

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

    private CallerNode caller(DeviceRuntime runtime, String counter) {
        return caller(runtime, counter, "");
    }

    private CallerNode caller(DeviceRuntime runtime, String counter, String moreConfig) {
        CallerSettings settings = CallerSettings.from(ConfigFactory.parseString("counter = " + counter
                + ", counter-number = \"" + counter.substring(1) + "\"\n" + moreConfig)
                .withFallback(ConfigFactory.defaultReference().getConfig("counter-caller")));
        CallerHardware hardware = CallerHardware.simulated();
        devices.add(hardware);
        CallerNode node = CallerNode.start(settings, runtime, hardware);
        devices.add(node);
        return node;
    }
}
