package io.counterline.demo.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.console.Console;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.recording.LiveHub;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.TicketRef;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import io.counterline.testing.Binaries;
import io.counterline.testing.CuttingProxy;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counter recording end to end with real parts on both sides (docs/recording.md): a real branch
 * server (engine, embedded broker, console with its recording endpoint and {@code opusenc}) and
 * real counter caller nodes recording their simulated intercom (espeak-ng) through their real
 * outbox, uploader and live sender. A transaction at c1 is recorded, uploaded, joined, encoded,
 * indexed and served with Range; the device's files go only after the server confirmed them. At
 * c2 the upload path is down for a whole transaction: nothing is deleted, all arrives later. A
 * console listener's socket turns {@code recording.live} on and hears the caller's frames.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RecordingEndToEndIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PASSWORD = "boss-password-1";
    /** 100 ms of 16 kHz stereo s16le after the 8-byte capture time (the contract's live frame). */
    private static final int LIVE_FRAME = 8 + 6_400;

    @TempDir
    static Path dir;
    private BranchServer server;
    private Console console;
    private CuttingProxy uploadPath;
    private DeviceRuntime kiosk;
    private DeviceRuntime pad;
    private final List<Command> padCommands = new CopyOnWriteArrayList<>();
    private DeviceRuntime callerOne;
    private DeviceRuntime callerTwo;
    private CallerNode one;
    private CallerNode two;
    private final List<AutoCloseable> devices = new ArrayList<>();
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        Binaries.require("espeak-ng", "espeak-ng");
        Binaries.require("opusenc", "opus-tools");
        TestBranch branch = new TestBranch(dir).withQueue()
                .extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        server = BranchServer.start(branch.config(), Clock.systemUTC());
        console = server.console().orElseThrow().console();
        console.users().add("test", "-", "boss", "经理", Role.BRANCH_MANAGER, Scope.BRANCH, Optional.empty(), "zh",
                PASSWORD).get(30, TimeUnit.SECONDS);
        URI consoleUrl = URI.create(console.url());
        uploadPath = new CuttingProxy(consoleUrl.getPort());

        kiosk = device("kiosk-1", DeviceRole.KIOSK);
        pad = device("pad-1", DeviceRole.RATING_PAD); // c1's rating pad: the customer's rating joins the index
        pad.onCommand(padCommands::add);
        // c1 talks to the console as an operator would write it; c2 through a relay the test can cut.
        callerOne = device("caller-1", DeviceRole.COUNTER_CALLER);
        callerTwo = device("caller-2", DeviceRole.COUNTER_CALLER);
        // c1's segments (17 s, 1,088,044 bytes) take a whole chunk of the default 1 MiB and a rest.
        one = caller(callerOne, "c1", console.url(), "17s");
        two = caller(callerTwo, "c2", "http://127.0.0.1:" + uploadPath.port(), "2s");
        await().atMost(PATIENCE).until(() -> kiosk.isConnected() && pad.isConnected() && one.controller().view().online()
                && two.controller().view().online());
        signIn();
    }

    @AfterAll
    void stop() throws Exception {
        for (int i = devices.size() - 1; i >= 0; i--) {
            devices.get(i).close();
        }
        if (uploadPath != null) {
            uploadPath.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callServeComplete_uploadedJoinedEncodedIndexed_deletedOnTheDevice_andPlayedWithRange() throws Exception {
        issue("A");
        one.controller().signIn("t1", "1234").get(10, TimeUnit.SECONDS);
        TicketRef called = one.controller().callNext().get(10, TimeUnit.SECONDS).counter().ticket();
        String number = called.number();
        await().atMost(PATIENCE).until(() -> one.controller().view().recording());
        // Both voices of the simulated intercom (teller, pause, customer) take about 6 s: one whole segment has both.
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM recording_segments WHERE counter = 'c1'"
                + " AND announced = 1 AND verified = 1") >= 1);
        one.controller().start().get(10, TimeUnit.SECONDS);
        one.controller().complete().get(10, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> !one.controller().view().recording());
        await().atMost(PATIENCE).until(() -> padCommands.stream().anyMatch(c -> c.type() == CommandType.RATING_ARM));
        Command arm = padCommands.stream().filter(c -> c.type() == CommandType.RATING_ARM).findFirst().orElseThrow();
        pad.record(EventType.RATING_GIVEN, new Bodies.RatingGiven(arm.id(), called.id(), "c1", "t1",
                RatingLevel.SATISFIED));

        await().atMost(PATIENCE).until(() -> "stored".equals(one("SELECT state FROM recordings WHERE counter = 'c1'"
                + " AND ticket_number = '" + number + "'")));
        String recording = one("SELECT recording_id FROM recordings WHERE counter = 'c1' AND ticket_number = '"
                + number + "'");
        assertThat(one("SELECT teller FROM recordings WHERE recording_id = '" + recording + "'")).isEqualTo("t1");
        await().atMost(PATIENCE).until(() -> "satisfied".equals(one("SELECT rating FROM recordings WHERE recording_id = '"
                + recording + "'")));
        assertThat(one("SELECT ticket FROM recordings WHERE recording_id = '" + recording + "'"))
                .isEqualTo(called.id());
        long durationMs = Long.parseLong(one("SELECT duration_ms FROM recordings WHERE recording_id = '" + recording
                + "'"));
        assertThat(durationMs).isGreaterThanOrEqualTo(17_000);
        // The device kept each segment until the server confirmed it, then deleted it.
        await().atMost(PATIENCE).until(() -> waitingOnDevice(callerOne).isEmpty());
        assertThat(callerOne.health().part("recording-upload").level().wire()).isEqualTo("ok");

        // An authorised console user fetches the recording's bytes with Range.
        URI audio = URI.create(console.url() + "recordings/" + recording + "/audio");
        HttpResponse<byte[]> whole = get(audio, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        int size = whole.body().length;
        assertThat(new String(whole.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
        HttpResponse<byte[]> probe = get(audio, "bytes=0-1");
        assertThat(probe.statusCode()).isEqualTo(206);
        assertThat(probe.headers().firstValue("Content-Range")).hasValue("bytes 0-1/" + size);
        assertThat(probe.body()).containsExactly('O', 'g');
        HttpResponse<byte[]> tail = get(audio, "bytes=" + size / 2 + "-");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole.body(), size / 2, size));

        // What the browser gets is the intercom: the teller spoke on the left, the customer on the right.
        double[] rms = channelRms(whole.body(), durationMs);
        assertThat(rms[0]).as("teller (left) level").isGreaterThan(300);
        assertThat(rms[1]).as("customer (right) level").isGreaterThan(300);
    }

    @Test
    void uploadPathDownForAWholeTransaction_nothingDeleted_allUploadedLater() throws Exception {
        uploadPath.refuse(true);
        try {
            issue("B");
            two.controller().signIn("t2", "1234").get(10, TimeUnit.SECONDS);
            two.controller().callNext().get(10, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> two.controller().view().recording());
            await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM recording_segments WHERE counter = 'c2'"
                    + " AND announced = 1") >= 2);
            two.controller().complete().get(10, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> !two.controller().view().recording());

            // Every segment announced (the events went through MQTT), none uploaded, all still on the device.
            await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM recording_segments WHERE counter = 'c2'"
                    + " AND announced = 1 AND last = 1") == 1);
            long announced = count("SELECT COUNT(*) FROM recording_segments WHERE counter = 'c2'");
            await().atMost(PATIENCE).until(() -> callerTwo.health().part("recording-upload").level().wire()
                    .equals("degraded"));
            assertThat(uploadPath.refused()).isGreaterThanOrEqualTo(3);
            assertThat(count("SELECT COUNT(*) FROM recording_segments WHERE counter = 'c2' AND verified = 1")).isZero();
            assertThat(waitingOnDevice(callerTwo)).hasSize((int) announced);
            assertThat(one("SELECT COUNT(*) FROM recordings WHERE counter = 'c2'")).isEqualTo("0");
        } finally {
            uploadPath.refuse(false);
        }

        await().atMost(PATIENCE).until(() -> "stored".equals(one("SELECT state FROM recordings WHERE counter = 'c2'")));
        assertThat(one("SELECT teller FROM recordings WHERE counter = 'c2'")).isEqualTo("t2");
        await().atMost(PATIENCE).until(() -> waitingOnDevice(callerTwo).isEmpty());
        await().atMost(PATIENCE).until(() -> callerTwo.health().part("recording-upload").level().wire()
                .equals("ok"));
    }

    @Test
    void consoleListener_turnsLiveOnAtTheRealCaller_andHearsItsFrames() throws Exception {
        List<ByteBuffer> frames = new CopyOnWriteArrayList<>();
        WebSocket listener = http.newWebSocketBuilder().header("Cookie", "cl_session=" + session())
                .buildAsync(URI.create(console.url().replace("http", "ws") + "recordings/live/c1"),
                        new WebSocket.Listener() {
                            private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

                            @Override
                            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                                byte[] b = new byte[data.remaining()];
                                data.get(b);
                                partial.write(b, 0, b.length);
                                if (last) {
                                    frames.add(ByteBuffer.wrap(partial.toByteArray()));
                                    partial.reset();
                                }
                                ws.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
        try {
            await().atMost(PATIENCE).until(() -> frames.size() >= 10);
            assertThat(one.recording().orElseThrow().live().on()).isTrue();
            // Listening longer than one recording.live ttl (10 s): the console's renewals keep the caller sending.
            await().atMost(PATIENCE).until(() -> frames.get(frames.size() - 1).getLong(0) - frames.get(0).getLong(0)
                    >= 12_000);
        } finally {
            listener.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
        // The last listener gone, the console says off and the caller stops. Renewed every 5 s with a 10 s ttl, an
        // expiry comes 5 s after the close at the earliest: stopping sooner is the off command's doing.
        await().atMost(Duration.ofMillis(LiveHub.TTL_MS / 2 - 500)).until(() -> !one.recording().orElseThrow().live().on());
        long previous = 0;
        for (ByteBuffer f : frames.subList(0, 10)) {
            assertThat(f.remaining()).isEqualTo(LIVE_FRAME);
            long captured = f.getLong(0);
            assertThat(captured).isGreaterThan(previous);
            assertThat(Math.abs(System.currentTimeMillis() - captured)).as("capture time on the server's clock")
                    .isLessThan(120_000);
            previous = captured;
        }
        assertThat(one("SELECT COUNT(*) FROM audit WHERE action = 'recording.live.start' AND target = 'c1'"))
                .isNotEqualTo("0");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM audit WHERE action = 'recording.live.stop'"
                + " AND target = 'c1'") > 0);
    }

    // ---------------------------------------------------------------- helpers

    private DeviceRuntime device(String id, DeviceRole role) throws Exception {
        DeviceRuntime runtime = TestDevices.start(id, role, server.brokerUri(), dir.resolve(id));
        devices.add(runtime);
        return runtime;
    }

    private CallerNode caller(DeviceRuntime runtime, String counter, String serverUrl, String segmentLength) {
        CallerSettings settings = CallerSettings.from(ConfigFactory.parseString("counter = " + counter
                        + ", counter-number = \"" + counter.substring(1) + "\", recording { enabled = true,"
                        + " source = simulated, server-url = \"" + serverUrl + "\", segment-length = " + segmentLength + ","
                        + " retry-initial = 100ms, retry-max = 500ms }")
                .withFallback(ConfigFactory.defaultReference().getConfig("counter-caller")));
        CallerHardware hardware = CallerHardware.simulated();
        devices.add(hardware);
        CallerNode node = CallerNode.start(settings, runtime, hardware);
        devices.add(node);
        return node;
    }

    private void issue(String service) throws Exception {
        assertThat(TestDevices.ask(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket(service))
                .ok()).isTrue();
    }

    /** Segment files ({@code .wav}) still on the device, waiting for the server. */
    private static List<Path> waitingOnDevice(DeviceRuntime device) throws IOException {
        Path spool = device.settings().dataDir().resolve("recordings");
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wav")).toList();
        }
    }

    private void signIn() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(console.url() + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = form.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(console.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&login=boss&password=" + PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
    }

    private String session() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("cl_session"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private HttpResponse<byte[]> get(URI uri, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Decodes the served Ogg/Opus with opusdec (16 kHz stereo) and gives each channel's RMS level. */
    private double[] channelRms(byte[] opus, long durationMs) throws Exception {
        Path in = Files.write(dir.resolve("served.opus"), opus);
        Path out = dir.resolve("served.wav");
        Process p = new ProcessBuilder("opusdec", "--quiet", "--rate", "16000", in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("opusdec.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("opusdec.log"))).isZero();
        byte[] wav = Files.readAllBytes(out);
        ByteBuffer pcm = ByteBuffer.wrap(wav, 44, wav.length - 44).slice().order(ByteOrder.LITTLE_ENDIAN);
        long frames = pcm.remaining() / 4;
        assertThat(frames).as("decoded length against the indexed duration").isBetween(durationMs * 16 - 1_600,
                durationMs * 16 + 1_600);
        double[] sum = new double[2];
        for (long i = 0; i < frames; i++) {
            for (int c = 0; c < 2; c++) {
                double s = pcm.getShort();
                sum[c] += s * s;
            }
        }
        return new double[] {Math.sqrt(sum[0] / frames), Math.sqrt(sum[1] / frames)};
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(one(sql));
    }

    private String one(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server").resolve("console.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
