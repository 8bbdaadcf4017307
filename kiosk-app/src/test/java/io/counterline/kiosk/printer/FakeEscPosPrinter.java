package io.counterline.kiosk.printer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An ESC/POS printer in the test: records every byte it receives and answers {@code DLE EOT n}
 * status requests from its simulated sensors, with the bits of Epson's command reference. It
 * serves a real byte stream (a pseudo-terminal, a socket) or an in-memory {@link #link}.
 */
final class FakeEscPosPrinter {
    volatile boolean paperOut;
    volatile boolean paperNearEnd;
    volatile boolean coverOpen;
    /** Answers no status request, like a printer that is switched off. */
    volatile boolean silent;
    /** Runs out of paper on the next cut, as if the roll ended during the slip. */
    volatile boolean paperOutAtCut;
    /** {@link #link} fails to open, like a USB printer that is unplugged. */
    volatile boolean unplugged;
    /**
     * On an in-memory {@link #link}, the next slip (its first byte, ESC) fails to write, as on a
     * USB glitch; status requests still work and the printer stays ready.
     */
    volatile boolean nextSlipFails;
    /**
     * Hangs up after each complete cut command, as printers and print servers do that close the
     * connection at the end of a job: {@link #serve} returns.
     */
    volatile boolean hangUpAfterCut;

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int previous = -1;
    private int beforePrevious = -1;
    /** A {@code GS V m} with {@code m} 65 or 66 takes one more byte; then the cut is complete. */
    private boolean cutArgumentPending;
    private boolean cutComplete;

    /** Takes one byte from the host; returns the status byte to answer, or -1 for none. */
    synchronized int accept(int b) {
        received.write(b);
        int answer = -1;
        if (cutArgumentPending) {
            cutArgumentPending = false;
            cutComplete = true;
        } else if (beforePrevious == 0x10 && previous == 0x04) { // DLE EOT n
            answer = silent ? -1 : status(b);
        } else if (beforePrevious == 0x1D && previous == 'V') { // GS V m
            paperOut |= paperOutAtCut;
            cutArgumentPending = b == 65 || b == 66;
            cutComplete = !cutArgumentPending;
        }
        beforePrevious = previous;
        previous = b;
        return answer;
    }

    /** The status byte answering {@code DLE EOT n}: bits 1 and 4 are always set. */
    int status(int n) {
        boolean offline = paperOut || coverOpen;
        return switch (n) {
            case 1 -> 0x12 | (offline ? 0x08 : 0);
            case 2 -> 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0);
            case 3 -> 0x12;
            case 4 -> 0x12 | (paperOut || paperNearEnd ? 0x0C : 0) | (paperOut ? 0x60 : 0);
            default -> throw new IllegalArgumentException("DLE EOT " + n);
        };
    }

    synchronized byte[] received() {
        return received.toByteArray();
    }

    synchronized void forget() {
        received.reset();
        previous = -1;
        beforePrevious = -1;
        cutArgumentPending = false;
        cutComplete = false;
    }

    /** What the printer has printed so far. */
    EscPosReader printed() {
        return EscPosReader.read(received());
    }

    /**
     * Reads {@code in} until it ends or {@code stop} says so, answering on {@code out}. Reads
     * that time out ({@link InterruptedIOException}) just check {@code stop} again.
     */
    void serve(InputStream in, OutputStream out, BooleanSupplier stop) throws IOException {
        while (!stop.getAsBoolean()) {
            int b;
            try {
                b = in.read();
            } catch (InterruptedIOException timeout) {
                continue;
            }
            if (b < 0) {
                return;
            }
            int answer = accept(b);
            if (answer >= 0) {
                out.write(answer);
                out.flush();
            }
            if (hangUpAfterCut && takeCutComplete()) {
                return;
            }
        }
    }

    private synchronized boolean takeCutComplete() {
        boolean complete = cutComplete;
        cutComplete = false;
        return complete;
    }

    /** An in-memory two-way link to this printer whose reads time out after {@code timeout}. */
    PrinterLink link(Duration timeout) throws IOException {
        if (unplugged) {
            throw new IOException("/dev/usb/lp0 does not exist - check the USB cable");
        }
        BlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (unplugged) {
                    throw new IOException("write failed: no such device");
                }
                if (nextSlipFails && b == 0x1B) {
                    nextSlipFails = false;
                    throw new IOException("write failed: device reset");
                }
                int answer = accept(b & 0xFF);
                if (answer >= 0) {
                    answers.add(answer);
                }
            }
        };
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Integer answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (answer == null) {
                        throw new InterruptedIOException("no answer within " + timeout.toMillis() + " ms");
                    }
                    return answer;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
            }

            @Override
            public int available() {
                return answers.size();
            }
        };
        return new PrinterLink() {
            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public Optional<InputStream> in() {
                return Optional.of(in);
            }

            @Override
            public void close() {
            }
        };
    }
}
