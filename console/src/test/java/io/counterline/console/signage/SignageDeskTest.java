package io.counterline.console.signage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.store.ConsoleStore;
import io.counterline.protocol.SignageSchedule;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import io.counterline.testing.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's checks and the approval rules, on a real console.db. */
class SignageDeskTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16};

    @TempDir
    Path dir;
    private ConsoleStore store;
    private SignageDesk desk;
    private final List<Optional<SignageSchedule>> published = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = ConsoleStore.open(dir.resolve("console.db"));
        AuditLog audit = new AuditLog(store, Clock.systemUTC());
        desk = new SignageDesk(store, new MediaLibrary(store, audit, Clock.systemUTC(), dir.resolve("media")), audit,
                Clock.systemUTC(), () -> "http://127.0.0.1:8080/media/", "Asia/Shanghai");
        desk.publishTo(published::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void library_takesPngAndJpeg_refusesSvgMismatchAndOversize() throws Exception {
        String sha = desk.library().add(new ByteArrayInputStream(PNG), MediaLibrary.mime("image/png", "a.png"), "a.png",
                "ed", "ip");
        assertThat(desk.library().file(sha)).isPresent();
        assertThat(desk.library().add(new ByteArrayInputStream(JPEG), MediaLibrary.mime(null, "b.JPG"), "b", "ed", "ip"))
                .hasSize(64);
        assertThatThrownBy(() -> MediaLibrary.mime("image/svg+xml", "x.svg")).hasMessageContaining("SVG");
        assertThat(MediaLibrary.mime("video/mp4", "x.mp4")).isEqualTo("video/mp4");
        assertThatThrownBy(() -> MediaLibrary.mime("video/webm", "x.webm")).hasMessageContaining("H.264 video in MP4");
        assertThatThrownBy(() -> desk.library().add(new ByteArrayInputStream(JPEG), "image/png", "c.png", "ed", "ip"))
                .hasMessageContaining("not a PNG");
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len; // zeros without end: refused at the limit, not read to the end
            }
        };
        assertThatThrownBy(() -> desk.library().add(endless, "image/png", "big.png", "ed", "ip"))
                .hasMessageContaining("larger than 20 MB");
        assertThat(desk.library().all()).hasSize(2);
        assertThat(dir.resolve("media").toFile().list()).hasSize(2); // no temporary file left
    }

    @Test
    void nothingIsPublishedBeforeApproval_andTheSubmitterCannotApprove() throws Exception {
        String sha = desk.library().add(new ByteArrayInputStream(PNG), "image/png", "a.png", "ed", "ip");
        desk.savePlaylist("ed", "ip", new SignageDesk.Draft("default", 0, List.of(), List.of(), null, null, null, null, 8,
                List.of("image:" + sha)));
        long rev = desk.submit("ed", "ip");
        assertThat(published).containsExactly(Optional.empty());
        assertThatThrownBy(() -> desk.decide("ed", "ip", rev, true)).hasMessageContaining("another approver");
        desk.decide("boss", "ip", rev, true);
        assertThat(published).last().satisfies(s -> assertThat(s.orElseThrow().playlists()).hasSize(1));
        assertThatThrownBy(() -> desk.decide("boss", "ip", rev, true)).hasMessageContaining("not pending");

        desk.setEmergency("boss", "ip", "紧急", "Emergency");
        assertThat(published).last().satisfies(s -> assertThat(s.orElseThrow().emergency().en()).isEqualTo("Emergency"));
        desk.clearEmergency("boss", "ip");
        assertThat(published).last().satisfies(s -> assertThat(s.orElseThrow().emergency()).isNull());
    }

    @Test
    void badPlaylists_areRefusedWithAReason() throws Exception {
        assertThatThrownBy(() -> desk.savePlaylist("ed", "ip", new SignageDesk.Draft("p", 0, List.of(), List.of("FUNDAY"),
                null, null, null, null, 8, List.of("notice:1")))).hasMessageContaining("no notice:1");
        long n = desk.addNotice("ed", "ip", "中文", "English");
        assertThatThrownBy(() -> desk.savePlaylist("ed", "ip", new SignageDesk.Draft("p", 0, List.of(), List.of("FUNDAY"),
                null, null, null, null, 8, List.of("notice:" + n)))).hasMessageContaining("weekday FUNDAY");
        assertThatThrownBy(() -> desk.savePlaylist("ed", "ip", new SignageDesk.Draft("p", 0, List.of(), List.of(),
                null, null, "9am", null, 8, List.of("notice:" + n)))).hasMessageContaining("start");
        assertThatThrownBy(() -> desk.submit("ed", "ip")).hasMessageContaining("no playlist");
    }

    @Test
    void library_takesH264Mp4_refusesH265_aPngCalledMp4_aCutFile_andOversize() throws Exception {
        Path clip = TestVideos.h264(dir.resolve("clip.mp4"), 1);
        String sha = desk.library().add(Files.newInputStream(clip), MediaLibrary.mime("video/mp4", "clip.mp4"), "clip.mp4",
                "ed", "ip");
        assertThat(desk.library().find(sha)).hasValueSatisfying(m -> assertThat(m.kind()).isEqualTo("video"));
        assertThat(Files.readAllBytes(desk.library().file(sha).orElseThrow())).isEqualTo(Files.readAllBytes(clip));

        Path h265 = TestVideos.h265(dir.resolve("h265.mp4"));
        assertThatThrownBy(() -> desk.library().add(Files.newInputStream(h265), MediaLibrary.MP4, "h265.mp4", "ed", "ip"))
                .hasMessageContaining("H.265");
        assertThatThrownBy(() -> desk.library().add(new ByteArrayInputStream(PNG), MediaLibrary.MP4, "p.mp4", "ed", "ip"))
                .hasMessageContaining("not an MP4");
        byte[] whole = Files.readAllBytes(clip);
        assertThatThrownBy(() -> desk.library().add(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length / 2)),
                MediaLibrary.MP4, "cut.mp4", "ed", "ip")).hasMessageContaining("cut short");
        assertThatThrownBy(() -> desk.library().add(new ByteArrayInputStream(new byte[1]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return len; // without end: refused at the video limit
            }
        }, MediaLibrary.MP4, "big.mp4", "ed", "ip")).hasMessageContaining("larger than 100 MB");
        assertThat(desk.library().all()).hasSize(1);
    }

    @Test
    void perItemTimeAndVolume_reachTheSchedule_boundedOtherwiseRefused() throws Exception {
        String video = desk.library().add(Files.newInputStream(TestVideos.h264(dir.resolve("clip.mp4"), 1)),
                MediaLibrary.MP4, "clip.mp4", "ed", "ip");
        String image = desk.library().add(new ByteArrayInputStream(PNG), "image/png", "a.png", "ed", "ip");
        desk.savePlaylist("ed", "ip", new SignageDesk.Draft("default", 0, List.of(), List.of(), null, null, null, null, 8,
                List.of("video:" + video + ":30:40", "image:" + image + ":0", "image:" + image + ":12")));
        desk.decide("boss", "ip", desk.submit("ed", "ip"), true);

        List<SignageSchedule.Item> items = published.get(published.size() - 1).orElseThrow().playlists().get(0).items();
        assertThat(items).extracting(SignageSchedule.Item::type, SignageSchedule.Item::seconds,
                SignageSchedule.Item::volume).containsExactly(org.assertj.core.groups.Tuple.tuple("video", 30, 40),
                org.assertj.core.groups.Tuple.tuple("image", 0, 0), org.assertj.core.groups.Tuple.tuple("image", 12, 0));
        assertThatThrownBy(() -> desk.savePlaylist("ed", "ip", new SignageDesk.Draft("p", 0, List.of(), List.of(), null,
                null, null, null, 8, List.of("video:" + video + ":3601")))).hasMessageContaining("0 to 3600");
        assertThatThrownBy(() -> desk.savePlaylist("ed", "ip", new SignageDesk.Draft("p", 0, List.of(), List.of(), null,
                null, null, null, 8, List.of("video:" + video + ":5:101")))).hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> desk.savePlaylist("ed", "ip", new SignageDesk.Draft("p", 0, List.of(), List.of(), null,
                null, null, null, 8, List.of("image:" + video)))).hasMessageContaining("is a video");
    }

    @Test
    void deleting_refusedWhileADraftPendingOrApprovedPlaylistNamesIt_thenFileGoneAndAudited() throws Exception {
        String sha = desk.library().add(new ByteArrayInputStream(PNG), "image/png", "a.png", "ed", "ip");
        long notice = desk.addNotice("ed", "ip", "通知", "Notice");
        desk.savePlaylist("ed", "ip", new SignageDesk.Draft("default", 0, List.of(), List.of(), null, null, null, null, 8,
                List.of("image:" + sha + ":0", "notice:" + notice)));
        assertThatThrownBy(() -> desk.removeMedia("ed", "ip", sha)).hasMessageContaining("playlist default of the draft");
        long rev = desk.submit("ed", "ip");
        desk.removePlaylist("ed", "ip", "default");
        assertThatThrownBy(() -> desk.removeMedia("ed", "ip", sha)).hasMessageContaining("revision " + rev + " (pending)");
        assertThatThrownBy(() -> desk.removeNotice("ed", "ip", notice)).hasMessageContaining("(pending)");
        desk.decide("boss", "ip", rev, true);
        assertThatThrownBy(() -> desk.removeMedia("ed", "ip", sha)).hasMessageContaining("the halls play");
        assertThat(desk.library().file(sha)).isPresent();

        // A new approved revision without them: now they may go.
        String other = desk.library().add(new ByteArrayInputStream(JPEG), "image/jpeg", "b.jpg", "ed", "ip");
        desk.savePlaylist("ed", "ip", new SignageDesk.Draft("default", 0, List.of(), List.of(), null, null, null, null, 8,
                List.of("image:" + other)));
        desk.decide("boss", "ip", desk.submit("ed", "ip"), true);
        desk.removeMedia("ed", "ip", sha);
        desk.removeNotice("ed", "ip", notice);

        assertThat(desk.library().find(sha)).isEmpty();
        assertThat(dir.resolve("media").resolve(sha)).doesNotExist();
        assertThat(desk.notices()).isEmpty();
        assertThat(store.auditEntries(50, Optional.of("signage.media.remove"))).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("ed"));
        assertThat(store.auditEntries(50, Optional.of("signage.notice.remove"))).hasSize(1);
        assertThatThrownBy(() -> desk.removeMedia("ed", "ip", sha)).hasMessageContaining("no such file");
    }
}
