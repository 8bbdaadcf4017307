package io.counterline.demo.bench;

import io.counterline.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * What one durable commit costs on this disk: single-row SQLite commits opened the way every
 * Counterline store is (WAL, synchronous=FULL), timed one by one. It bounds what a single
 * writer can do without group commit, and is the floor under every durable path.
 */
final class CommitProbe {
    private CommitProbe() {
    }

    static Samples measure(Path file, int commits) throws Exception {
        try (Connection db = SqliteFile.open(file).connection()) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER NOT NULL, at TEXT NOT NULL)");
            }
            Samples samples = new Samples(commits);
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO probe(n, at) VALUES (?, ?)")) {
                for (int i = 0; i < commits + 20; i++) {
                    long t0 = System.nanoTime();
                    ps.setInt(1, i);
                    ps.setString(2, java.time.Instant.now().toString());
                    ps.executeUpdate(); // autocommit: one transaction, one WAL sync
                    if (i >= 20) {
                        samples.add(System.nanoTime() - t0);
                    }
                }
            }
            return samples;
        }
    }
}
