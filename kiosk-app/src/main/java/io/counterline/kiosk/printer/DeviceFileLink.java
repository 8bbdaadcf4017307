package io.counterline.kiosk.printer;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A printer behind a device file, typically the kernel's USB printer driver at
 * {@code /dev/usb/lp0}. Write-only unless opened two-way, for printers whose USB interface
 * answers status requests.
 *
 * <p>Reads from such a device block without any timeout, and the driver allows only one open
 * file, so a two-way link opens the device once for reading and writing and a named daemon
 * thread reads it into a queue; {@link #in()} waits on that queue for at most the read timeout.
 * Closing the read channel signals the reader thread out of its blocked read.
 */
public final class DeviceFileLink implements PrinterLink {
    private static final int END = -1;

    private final OutputStream out;
    private final FileChannel readChannel;
    private final QueuedInput in;

    private DeviceFileLink(OutputStream out, FileChannel readChannel, QueuedInput in) {
        this.out = out;
        this.readChannel = readChannel;
        this.in = in;
    }

    /**
     * Opens {@code device}; two-way when {@code twoWay}, then reads give up after
     * {@code readTimeout}. The device must exist: nothing is created.
     */
    public static DeviceFileLink open(Path device, boolean twoWay, Duration readTimeout) throws IOException {
        if (!Files.exists(device)) {
            throw new IOException(device + " does not exist - check that the printer is switched on "
                    + "and its USB cable plugged in");
        }
        try {
            if (!twoWay) {
                return new DeviceFileLink(new FileOutputStream(device.toFile()), null, null);
            }
            RandomAccessFile file = new RandomAccessFile(device.toFile(), "rw");
            FileChannel readChannel = new FileInputStream(file.getFD()).getChannel();
            QueuedInput in = new QueuedInput(readTimeout);
            DeviceFileLink link = new DeviceFileLink(new FileOutputStream(file.getFD()), readChannel, in);
            Thread reader = new Thread(() -> link.pump(), "printer-device-reader");
            reader.setDaemon(true);
            reader.start();
            return link;
        } catch (IOException e) {
            throw new IOException("cannot open " + device + " (" + e.getMessage()
                    + ") - the kiosk user needs read/write access: add it to group lp", e);
        }
    }

    private void pump() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        try {
            while (readChannel.read(buffer.clear()) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    in.bytes.add(buffer.get() & 0xFF);
                }
            }
        } catch (IOException closedOrUnplugged) {
            // Either close() interrupted the read or the device went away: both end the input.
        }
        in.bytes.add(END);
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public Optional<InputStream> in() {
        return Optional.ofNullable(in);
    }

    @Override
    public void close() throws IOException {
        try (out) {
            if (readChannel != null) {
                readChannel.close();
            }
        }
    }

    /** Bytes read by the reader thread, handed out with a timeout. */
    private static final class QueuedInput extends InputStream {
        private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
        private final Duration timeout;

        QueuedInput(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public int read() throws IOException {
            Integer next;
            try {
                next = bytes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the printer");
            }
            if (next == null) {
                throw new InterruptedIOException("no answer within " + timeout.toMillis() + " ms");
            }
            if (next == END) {
                bytes.add(END);
            }
            return next;
        }

        @Override
        public int available() {
            return bytes.size();
        }
    }
}
