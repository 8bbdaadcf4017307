package io.counterline.kiosk.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Bodies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease file on a real SQLite file. */
class LeaseBookTest {
    @TempDir
    Path dir;

    @Test
    void take_twoBlocksAcrossReopen_everyNumberOnceInOrderThenNone() throws Exception {
        try (LeaseBook book = LeaseBook.open(dir.resolve("kiosk.db"))) {
            book.add(new Bodies.BlockLease("A", "A", "2026-11-22", 1, 2));
            book.add(new Bodies.BlockLease("A", "A", "2026-11-22", 1, 2)); // a repeated answer
            book.add(new Bodies.BlockLease("A", "A", "2026-11-22", 7, 7));
            assertThat(book.take("A", "2026-11-22").orElseThrow().number()).isEqualTo("A001");
        }
        try (LeaseBook book = LeaseBook.open(dir.resolve("kiosk.db"))) {
            assertThat(book.remaining("A", "2026-11-22")).isEqualTo(2);
            assertThat(book.take("A", "2026-11-22").orElseThrow().number()).isEqualTo("A002");
            assertThat(book.take("A", "2026-11-22").orElseThrow().sequence()).isEqualTo(7);
            assertThat(book.take("A", "2026-11-22")).isEmpty();
        }
    }

    @Test
    void take_blockOfAnotherDay_neverUsedAndForgotten() throws Exception {
        try (LeaseBook book = LeaseBook.open(dir.resolve("kiosk.db"))) {
            book.add(new Bodies.BlockLease("A", "A", "2026-11-21", 1, 20));

            assertThat(book.take("A", "2026-11-22")).isEmpty();
            book.forgetBefore("2026-11-22");
            assertThat(book.remaining("A", "2026-11-21")).isZero();
        }
    }
}
