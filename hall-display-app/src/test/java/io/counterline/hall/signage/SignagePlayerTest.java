package io.counterline.hall.signage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.counterline.hall.board.SignageShow;
import io.counterline.hall.board.Slide;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageState;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signage player against a real HTTP server on loopback that misbehaves on purpose: a
 * download cut halfway, bytes that do not match the checksum. What reaches the board never names
 * an image whose file is not complete and verified; the download is retried until it is.
 */
class SignagePlayerTest {
    private static final byte[] IMAGE = new byte[200_000];

    static {
        for (int i = 0; i < IMAGE.length; i++) {
            IMAGE[i] = (byte) (i * 31);
        }
    }

    @TempDir
    Path dir;
    private HttpServer http;
    private SignagePlayer player;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<SignageShow> shown = new CopyOnWriteArrayList<>();
    private final List<Bodies.SignagePlayed> proof = new CopyOnWriteArrayList<>();
    private final List<String> halfShown = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (player != null) {
            player.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void downloadCutHalfway_isRetried_andNeverShownHalf() throws Exception {
        serve(n -> n == 1 ? java.util.Arrays.copyOf(IMAGE, IMAGE.length / 2) : IMAGE);
        start();
        player.accept(state(sha(IMAGE)));

        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().contains(MediaCache.name(sha(IMAGE))));
        assertThat(requests.get()).isGreaterThanOrEqualTo(2);
        assertThat(shown.get(0).images()).isEmpty(); // the notice plays while the image is missing
        assertThat(shown.get(0).lines()).containsExactly("通知    Notice");
        assertThat(halfShown).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("content").resolve(MediaCache.name(sha(IMAGE))))).isEqualTo(IMAGE);
        assertThat(Files.list(dir.resolve("content").resolve(MediaCache.FOLDER)))
                .noneMatch(p -> p.toString().endsWith(".part"));
        assertThat(proof).last().satisfies(p -> assertThat(p.images()).containsExactly(sha(IMAGE)));
    }

    @Test
    void aNewSchedule_removesCachedFilesItNoLongerNames() throws Exception {
        serve(n -> IMAGE);
        start();
        player.accept(state(sha(IMAGE)));
        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().contains(MediaCache.name(sha(IMAGE))));
        Path cached = dir.resolve("content").resolve(MediaCache.name(sha(IMAGE)));
        assertThat(cached).exists();

        player.accept(state("0".repeat(64))); // another image (never served correctly)
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(cached));
        assertThat(shownImages()).isEmpty();
    }

    @Test
    void videoAndImage_eachWithItsTimeAndVolume_reachTheBoard() throws Exception {
        serve(n -> IMAGE); // the player checks bytes, not codecs (HallVideoTest plays a real MP4)
        start();
        player.accept(state(null, new SignageSchedule.Item("video", sha(IMAGE), IMAGE.length, null, null, 30, 40),
                new SignageSchedule.Item("image", sha(IMAGE), IMAGE.length, null, null, 0, null)));

        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().size() == 2);
        String name = MediaCache.name(sha(IMAGE));
        assertThat(shown.get(shown.size() - 1).slides()).containsExactly(
                new Slide(name, true, Duration.ofSeconds(30), 40),
                new Slide(name, false, Duration.ofSeconds(5), 0)); // 0: the playlist's slideSeconds
    }

    @Test
    void emergencyNotice_showsAloneOverEverything_andClearsAtTheNextSchedule() throws Exception {
        serve(n -> IMAGE);
        start();
        player.accept(state(sha(IMAGE)));
        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().contains(MediaCache.name(sha(IMAGE))));

        SignageSchedule.Notice notice = new SignageSchedule.Notice("疏散", "Please leave the hall", "2026-11-22T01:00:00Z");
        player.accept(state(notice, new SignageSchedule.Item("image", sha(IMAGE), IMAGE.length, null, null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> shown.get(shown.size() - 1).emergency().isPresent());
        assertThat(shown.get(shown.size() - 1)).isEqualTo(new SignageShow(List.of(), List.of(), Optional.of(notice)));
        assertThat(proof).last().satisfies(p -> assertThat(p.playlist()).isEqualTo("emergency"));

        player.accept(state(sha(IMAGE)));
        await().atMost(Duration.ofSeconds(10)).until(() -> shown.get(shown.size() - 1).emergency().isEmpty());
        assertThat(shownImages()).containsExactly(MediaCache.name(sha(IMAGE)));
    }

    @Test
    void aFileBeyondTheCacheBound_isNotFetched_andNotShown() throws Exception {
        serve(n -> IMAGE);
        start(IMAGE.length - 1);
        player.accept(state(sha(IMAGE)));

        // The notice shows at once; the image is refused before any byte is asked for, again at each try.
        await().atMost(Duration.ofSeconds(10)).until(() -> !shown.isEmpty());
        assertThat(shown.get(shown.size() - 1).lines()).containsExactly("通知    Notice");
        assertThat(shownImages()).isEmpty();
        assertThat(requests.get()).isZero();
    }

    @Test
    void aNewSchedule_freesTheCacheBeforeFetching_soItsFilesFitTheBound() throws Exception {
        byte[] other = IMAGE.clone();
        other[0] ^= 1;
        serve(n -> n == 1 ? IMAGE : other);
        start(IMAGE.length); // room for one file only
        player.accept(state(sha(IMAGE)));
        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().contains(MediaCache.name(sha(IMAGE))));

        player.accept(state(sha(other)));
        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().contains(MediaCache.name(sha(other))));
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void bytesNotMatchingTheChecksum_areNeverShown() throws Exception {
        byte[] other = IMAGE.clone();
        other[1000] ^= 1;
        serve(n -> other);
        start();
        player.accept(state(sha(IMAGE)));

        await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() >= 3); // retried, each refused
        assertThat(shownImages()).isEmpty();
        assertThat(dir.resolve("content").resolve(MediaCache.name(sha(IMAGE)))).doesNotExist();
    }

    @Test
    void restartWithoutServer_playsTheKeptScheduleFromTheCache_andDropsACorruptedFile() throws Exception {
        serve(n -> IMAGE);
        start();
        player.accept(state(sha(IMAGE)));
        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().contains(MediaCache.name(sha(IMAGE))));
        player.close();
        http.stop(0);
        http = null;

        shown.clear();
        start(); // no server, no state: what was kept
        await().atMost(Duration.ofSeconds(10)).until(() -> shownImages().contains(MediaCache.name(sha(IMAGE))));
        player.close();

        Path cached = dir.resolve("content").resolve(MediaCache.name(sha(IMAGE)));
        byte[] bad = IMAGE.clone();
        bad[5] ^= 1;
        Files.write(cached, bad); // a file damaged on the card
        shown.clear();
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !shown.isEmpty());
        assertThat(shownImages()).isEmpty();
        assertThat(cached).doesNotExist();
    }

    private void start() throws Exception {
        start(MediaCache.DEFAULT_MAX_BYTES);
    }

    private void start(long cacheBound) throws Exception {
        player = new SignagePlayer(s -> {
            for (String name : s.images()) {
                try {
                    if (!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("content").resolve(name)), IMAGE)) {
                        halfShown.add(name);
                    }
                } catch (java.io.IOException e) {
                    halfShown.add(name + " missing");
                }
            }
            shown.add(s);
        }, proof::add, new MediaCache(dir.resolve("content"), Duration.ofSeconds(1), cacheBound), Files.createDirectories(
                dir.resolve("hall-1")), "hall-1", Clock.systemUTC(), Duration.ofMillis(200)).start();
    }

    private List<String> shownImages() {
        return shown.isEmpty() ? List.of() : shown.get(shown.size() - 1).images();
    }

    private SignageState state(String sha) {
        return state(null, new SignageSchedule.Item("image", sha, IMAGE.length, null, null),
                new SignageSchedule.Item("notice", null, 0, "通知", "Notice"));
    }

    private SignageState state(SignageSchedule.Notice emergency, SignageSchedule.Item... items) {
        String base = http == null ? "http://127.0.0.1:9/media/" : "http://127.0.0.1:" + http.getAddress().getPort() + "/media/";
        SignageSchedule schedule = new SignageSchedule(1, base, "Asia/Shanghai", List.of(new SignageSchedule.Playlist(
                "default", 0, List.of(), List.of(), null, null, null, null, 5, List.of(items))), emergency);
        return new SignageState(MessageCodec.VERSION, List.of(), List.of(), 8, schedule);
    }

    /** Answers the n-th request (from 1) with {@code body.apply(n)}, announcing the full length. */
    private void serve(IntFunction<byte[]> body) throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/media/", exchange -> {
            byte[] b = body.apply(requests.incrementAndGet());
            exchange.sendResponseHeaders(200, IMAGE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
                out.flush();
            } catch (java.io.IOException e) {
                // the server closing a short body: that is the cut
            }
            exchange.close();
        });
        http.start();
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
