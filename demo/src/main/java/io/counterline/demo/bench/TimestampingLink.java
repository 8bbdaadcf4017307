package io.counterline.demo.bench;

import io.counterline.kiosk.printer.PrinterLink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A write-only printer link into memory that notes {@link System#nanoTime()} when the first byte
 * of each slip arrives: the first write after a flush ({@code EscPosSlipPrinter} sends a slip in
 * one write and flushes after it). The bytes themselves are counted and dropped.
 */
final class TimestampingLink implements PrinterLink {
    private volatile long firstByteNanos;
    private volatile long bytes;
    private boolean inSlip; // written by the printer's one caller thread only

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!inSlip && len > 0) {
                firstByteNanos = System.nanoTime();
                inSlip = true;
            }
            bytes += len;
        }

        @Override
        public void flush() {
            inSlip = false;
        }
    };

    /** When the first byte of the latest slip was written, in {@link System#nanoTime()} terms. */
    long firstByteNanos() {
        return firstByteNanos;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public Optional<java.io.InputStream> in() {
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
    }
}
