package io.counterline.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock file next to the store ({@code branch.db.lock}): held for as long as one branch
 * server has the store open. A separate file, not SQLite's exclusive locking mode, because
 * readers such as the web console open {@code branch.db} on their own connection. The operating
 * system drops the lock when the process dies, so a crash never leaves a stale lock.
 */
final class StoreLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreLock.class);

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path store) {
        return store.resolveSibling(store.getFileName() + ".lock");
    }

    static StoreLock take(Path store) throws StoreException {
        Path path = lockFileOf(store);
        FileChannel channel = null;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw held(store, path, null);
            }
            return new StoreLock(path, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw held(store, path, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot take the store lock " + path + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StoreException held(Path store, Path lockFile, Exception cause) {
        return new StoreException(store + " is in use by another branch server (it holds " + lockFile
                + "); stop that one first, or give this one its own server.data-dir", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", channel, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            log.debug("releasing {}: {}", path, e.getMessage());
        }
        closeQuietly(channel);
    }
}
