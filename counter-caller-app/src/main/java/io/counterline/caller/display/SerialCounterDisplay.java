package io.counterline.caller.display;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.counterline.protocol.Health;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An LED text board on a serial line (RS-232, or RS-485 through a USB adapter that switches
 * direction by itself), driven with {@link LedFrame}s through jSerialComm.
 *
 * <p>The port is opened by path (jSerialComm does not list pseudo-terminals, and a
 * {@code /dev/serial/by-id/...} path survives re-plugging). When opening or writing fails the
 * port is closed and health goes offline naming the port; the next show reopens it by path,
 * so an adapter plugged back in works again with the next call.
 */
public final class SerialCounterDisplay implements CounterDisplay {
    private static final Logger log = LoggerFactory.getLogger(SerialCounterDisplay.class);

    private final CounterDisplaySettings.Serial settings;
    private SerialPort port;
    private boolean closed;
    private volatile Health health = Health.OK;

    /** Opens the port now; if that fails the display starts offline and retries on the first show. */
    public SerialCounterDisplay(CounterDisplaySettings.Serial settings) {
        this.settings = settings;
        open();
    }

    @Override
    public void showCall(String number, String counterName) {
        send(DisplayTexts.call(number));
    }

    @Override
    public void showPaused() {
        send(DisplayTexts.PAUSED);
    }

    @Override
    public void showIdle(String text) {
        send(text);
    }

    @Override
    public Health health() {
        return health;
    }

    /** Closes the port; later shows are ignored. */
    @Override
    public void close() {
        closed = true;
        closePort();
    }

    private void send(String text) {
        if (closed || port == null && !open()) {
            return;
        }
        byte[] frame = new LedFrame(settings.address(), text).encode(settings.format());
        int written = port.writeBytes(frame, frame.length);
        if (written != frame.length) {
            int error = port.getLastErrorCode();
            closePort();
            fail("display port " + settings.port() + ": write failed (wrote " + Math.max(written, 0) + " of "
                    + frame.length + " bytes, error " + error + ") - check the cable and the adapter");
            return;
        }
        if (health != Health.OK) {
            log.info("display port {}: writing again", settings.port());
            health = Health.OK;
        }
    }

    private void closePort() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    private boolean open() {
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(settings.port());
        } catch (SerialPortInvalidPortException e) {
            fail("display port " + settings.port() + " does not exist - check display.serial.port and that the"
                    + " adapter is plugged in");
            return false;
        }
        candidate.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(), parity());
        // Block while writing, but never longer than the timeout, so a stuck adapter cannot hang the worker.
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, (int) settings.writeTimeout().toMillis());
        if (!candidate.openPort()) {
            fail("display port " + settings.port() + " cannot be opened (error " + candidate.getLastErrorCode()
                    + ") - check that the adapter is plugged in and the user may use it (group dialout)");
            return false;
        }
        port = candidate;
        return true;
    }

    private void fail(String reason) {
        if (!reason.equals(health.reason())) {
            log.warn("{}", reason);
        }
        health = Health.offline(reason);
    }

    private int stopBits() {
        return switch (settings.stopBits()) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private int parity() {
        return switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }
}
