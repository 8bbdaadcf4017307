package io.counterline.console.signage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.store.ConsoleStore;
import io.counterline.protocol.SignageSchedule;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
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
        assertThatThrownBy(() -> MediaLibrary.mime("video/mp4", "x.mp4")).hasMessageContaining("only PNG and JPEG");
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
}
