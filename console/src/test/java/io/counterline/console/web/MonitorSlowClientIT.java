package io.counterline.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.console.BranchDirectory;
import io.counterline.console.Console;
import io.counterline.console.ConsoleSettings;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.report.FakeBranchHistory;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.TellerRef;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser that opens the live monitor and then never reads (its TCP window fills, the server's
 * write blocks) must not hold up the other browsers: a second, reading client gets every event
 * while the stuck one is dropped once it is too far behind.
 */
class MonitorSlowClientIT {
    private static final int BATCH = 50;
    private static final int MAX_EVENTS = 3_000;
    /** Large events so the stuck connection's socket buffers (a few MB on loopback) fill quickly. */
    private static final String FILLER = "x".repeat(8 * 1024);

    @TempDir
    Path dir;

    @Test
    void clientThatNeverReads_isDropped_andTheReadingClientGetsEveryEvent() throws Exception {
        ConsoleSettings settings = new ConsoleSettings("127.0.0.1", 0, Optional.empty(), "",
                dir.resolve("console.db"), ConsoleSettings.DEFAULT_FONT, Duration.ofMinutes(10));
        BranchDirectory directory = new BranchDirectory("b001", "测试支行", ZoneId.of("Asia/Shanghai"), List.of(),
                List.of(new BranchDirectory.Named("c1", "1号窗口")), List.of());
        try (Console console = Console.start(settings, directory, FakeBranchHistory.empty(), Clock.systemUTC())) {
            console.users().add("test", "local", "anna", "Anna", Role.ADMIN, Scope.BRANCH, Optional.empty(), "en",
                    "a-long-password").join();
            CookieManager cookies = new CookieManager();
            HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            signIn(http, console.url());
            String session = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("cl_session")).map(HttpCookie::getValue).findFirst().orElseThrow();

            // The stuck browser: a small receive window, the request sent, nothing ever read.
            try (Socket stuck = new Socket()) {
                stuck.setReceiveBufferSize(4096);
                stuck.connect(new InetSocketAddress("127.0.0.1", console.port()));
                OutputStream out = stuck.getOutputStream();
                out.write(("GET /monitor/events HTTP/1.1\r\nHost: 127.0.0.1:" + console.port()
                        + "\r\nAccept: text/event-stream\r\nCookie: cl_session=" + session + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                await().atMost(Duration.ofSeconds(20)).until(() -> console.feed().subscriberCount() == 1);

                // The reading browser.
                AtomicInteger counterEvents = new AtomicInteger();
                HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(
                        URI.create(console.url() + "monitor/events")).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines());
                assertThat(stream.statusCode()).isEqualTo(200);
                Thread reader = new Thread(() -> stream.body().forEach(line -> {
                    if (line.equals("event: counter")) {
                        counterEvents.incrementAndGet();
                    }
                }), "reading-browser");
                reader.setDaemon(true);
                reader.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> console.feed().subscriberCount() == 2);

                // Push events in batches; the reading client must see each batch whole (the sentinel
                // that it kept up) before the next, until the stuck one has been dropped.
                int pushed = 0;
                while (console.feed().subscriberCount() == 2 && pushed < MAX_EVENTS) {
                    for (int i = 0; i < BATCH; i++) {
                        console.feed().counter(paused(++pushed));
                    }
                    int expected = pushed;
                    await().atMost(Duration.ofSeconds(30)).alias("the reading client got event " + expected)
                            .until(() -> counterEvents.get() == expected);
                }
                assertThat(console.feed().subscriberCount()).as("the stuck client was dropped").isEqualTo(1);
                assertThat(pushed).as("the stuck client held more than its queue").isGreaterThan(256);

                console.feed().counter(paused(++pushed));
                int last = pushed;
                await().atMost(Duration.ofSeconds(30)).until(() -> counterEvents.get() == last);
            }
        }
    }

    private static CounterState paused(int n) {
        return new CounterState(MessageCodec.VERSION, "c1", "1号窗口", "Counter 1", CounterStatus.PAUSED, null,
                new TellerRef("t1", "王芳", "E1"), n + " " + FILLER, Instant.now());
    }

    private static void signIn(HttpClient http, String url) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(url + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = form.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&login=anna&password=a-long-password"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
    }
}
