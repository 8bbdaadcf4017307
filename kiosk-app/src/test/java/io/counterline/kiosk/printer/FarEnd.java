package io.counterline.kiosk.printer;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The fake printer serving the far end of a pseudo-terminal pair, on its own named thread. */
final class FarEnd implements AutoCloseable {
    private final SerialPort port;
    private final Thread thread;
    private volatile boolean stopped;

    FarEnd(Path far, FakeEscPosPrinter fake) throws IOException {
        port = SerialPort.getCommPort(far.toRealPath().toString());
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 50, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open the far end " + far);
        }
        thread = new Thread(() -> {
            try {
                fake.serve(port.getInputStream(), port.getOutputStream(), () -> stopped);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "fake-pty-printer");
        thread.start();
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.closePort();
    }
}
