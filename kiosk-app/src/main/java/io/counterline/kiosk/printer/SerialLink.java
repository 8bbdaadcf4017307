package io.counterline.kiosk.printer;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/** A printer on a serial port (RS-232 or a USB-serial adapter), opened by path: two-way. */
public final class SerialLink implements PrinterLink {
    /**
     * A slip is a few kilobytes; even at 9600 baud it leaves in a few seconds. A write still
     * blocked after this is a printer holding flow control off for good (paper out, offline).
     */
    private static final int WRITE_TIMEOUT_MS = 10_000;

    private final SerialPort port;
    private final InputStream in;
    private final OutputStream out;

    private SerialLink(SerialPort port) {
        this.port = port;
        this.in = port.getInputStream();
        this.out = port.getOutputStream();
    }

    /** Opens {@code settings.port()}; reads from the printer give up after {@code readTimeout}. */
    public static SerialLink open(PrinterSettings.Serial settings, Duration readTimeout)
            throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(settings.port());
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("serial port " + settings.port() + " is not a port: " + e.getMessage(), e);
        }
        port.setComPortParameters(settings.baud(), settings.dataBits(),
                settings.stopBits().jSerialComm, settings.parity().jSerialComm);
        port.setFlowControl(settings.flowControl().jSerialComm);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                (int) readTimeout.toMillis(), WRITE_TIMEOUT_MS);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + settings.port() + " (error "
                    + port.getLastErrorCode() + ") - check that it exists, the cable or adapter is "
                    + "plugged in and the kiosk user is in group dialout");
        }
        return new SerialLink(port);
    }

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
        port.closePort();
    }
}
