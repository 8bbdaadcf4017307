package io.counterline.console.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.store.ConsoleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TellerPhotosTest {
    @TempDir
    Path dir;

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F'};

    @Test
    void jpegByItsBytes_storedOncePerContent_gifRefused_oldOneKeptOnRefusal() throws Exception {
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("console.db"))) {
            TellerPhotos photos = new TellerPhotos(store, new AuditLog(store, Clock.systemUTC()), Clock.systemUTC(),
                    dir.resolve("teller-photos"));
            photos.set("admin", "127.0.0.1", "t1", JPEG);
            photos.set("admin", "127.0.0.1", "t2", JPEG);

            try (var files = Files.list(dir.resolve("teller-photos"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement()
                        .satisfies(n -> assertThat(n).endsWith(".jpg").hasSize(64 + 4));
            }
            assertThat(photos.photo("t1").orElseThrow().contentType()).isEqualTo("image/jpeg");
            assertThat(photos.photo("t1").orElseThrow().bytes()).isEqualTo(JPEG);

            assertThatThrownBy(() -> photos.set("admin", "127.0.0.1", "t1", "GIF89a....".getBytes()))
                    .isInstanceOf(ConsoleUsers.Refused.class).hasMessageContaining("PNG or JPEG");
            assertThatThrownBy(() -> photos.set("admin", "127.0.0.1", "t1", new byte[0]))
                    .isInstanceOf(ConsoleUsers.Refused.class);
            assertThat(photos.photo("t1").orElseThrow().bytes()).as("a refused upload changes nothing").isEqualTo(JPEG);
            assertThat(photos.photo("t3")).isEqualTo(Optional.empty());
        }
    }
}
