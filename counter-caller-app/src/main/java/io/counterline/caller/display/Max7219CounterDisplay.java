package io.counterline.caller.display;

import com.pi4j.io.spi.Spi;
import io.counterline.protocol.Health;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A do-it-yourself counter display: an 8-digit 7-segment module driven by a MAX7219 on the
 * Pi's SPI bus. It shows the ticket on the left and the counter on the right ("A012   3");
 * letters are drawn where seven segments can draw them (A b C d E F G H I J L n o P q r S t U y),
 * anything else is blank, so Chinese idle texts leave the module dark.
 *
 * <p>MAX7219 datasheet, serial data format: each 16-bit word is register address (high byte)
 * then data, latched on the rising edge of LOAD (chip select). Every register is therefore
 * written in its own SPI transfer. Digit 0 (register 0x01) is the rightmost digit on common
 * modules.
 *
 * <p>All control registers are rewritten with each update: MAX7219 modules on long leads are
 * known to fall into shutdown or test mode after a supply glitch, and ten extra bytes fix that
 * on the next call. The display owns {@code spi} and closes it.
 */
public final class Max7219CounterDisplay implements CounterDisplay {
    private static final Logger log = LoggerFactory.getLogger(Max7219CounterDisplay.class);

    static final int DIGITS = 8;
    static final int REG_DIGIT_0 = 0x01;
    static final int REG_DECODE_MODE = 0x09;
    static final int REG_INTENSITY = 0x0A;
    static final int REG_SCAN_LIMIT = 0x0B;
    static final int REG_SHUTDOWN = 0x0C;
    static final int REG_DISPLAY_TEST = 0x0F;

    /** Segments in no-decode mode: bit 7 DP, 6 A, 5 B, 4 C, 3 D, 2 E, 1 F, 0 G. */
    private static final String GLYPHS = "0123456789ABCDEFGHIJLNOPQRSTUY- ";
    private static final byte[] SEGMENTS = {
            0x7E, 0x30, 0x6D, 0x79, 0x33, 0x5B, 0x5F, 0x70, 0x7F, 0x7B, // 0-9
            0x77, 0x1F, 0x4E, 0x3D, 0x4F, 0x47, 0x5E, 0x37, 0x06, 0x3C, // A b C d E F G H I J
            0x0E, 0x15, 0x1D, 0x67, 0x73, 0x05, 0x5B, 0x0F, 0x3E, 0x3B, // L n o P q r S t U y
            0x01, 0x00};                                                  // - space
    private static final String PAUSED = "--------";

    private final Spi spi;
    private final int intensity;
    private final String where;
    private volatile Health health = Health.OK;

    /**
     * Puts the module into a known state: blank, not shut down.
     *
     * @param spi the module's SPI device (mode 0, up to 10 MHz)
     * @param intensity brightness 0-15 (duty cycle 1/32 to 31/32)
     * @param where how to name the module in health reasons, e.g. "MAX7219 on SPI bus 0 chip select 0"
     */
    public Max7219CounterDisplay(Spi spi, int intensity, String where) {
        if (intensity < 0 || intensity > 15) {
            throw new IllegalArgumentException("intensity must be 0 to 15, was " + intensity);
        }
        this.spi = spi;
        this.intensity = intensity;
        this.where = where;
        show("");
    }

    @Override
    public void showCall(String number, String counterName) {
        int gap = DIGITS - number.length() - counterName.length();
        show(gap >= 1 ? number + " ".repeat(gap) + counterName : number);
    }

    @Override
    public void showPaused() {
        show(PAUSED);
    }

    @Override
    public void showIdle(String text) {
        show(text);
    }

    @Override
    public Health health() {
        return health;
    }

    /** Blanks the module (shutdown mode) and closes the SPI device. */
    @Override
    public void close() {
        try {
            write(REG_SHUTDOWN, 0);
            spi.close();
        } catch (RuntimeException e) {
            log.warn("{}: cannot shut down: {}", where, e.getMessage());
        }
    }

    /** The segment bytes for the leftmost eight characters of {@code text}, left-aligned. */
    static byte[] segments(String text) {
        byte[] digits = new byte[DIGITS];
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < DIGITS && i < upper.length(); i++) {
            int glyph = GLYPHS.indexOf(upper.charAt(i));
            digits[i] = glyph < 0 ? 0 : SEGMENTS[glyph];
        }
        return digits;
    }

    private void show(String text) {
        byte[] digits = segments(text);
        try {
            write(REG_DISPLAY_TEST, 0);
            write(REG_DECODE_MODE, 0); // no BCD decode: segments are ours, for letters
            write(REG_SCAN_LIMIT, DIGITS - 1);
            write(REG_INTENSITY, intensity);
            for (int i = 0; i < DIGITS; i++) {
                write(REG_DIGIT_0 + DIGITS - 1 - i, digits[i]); // leftmost character on digit 7
            }
            write(REG_SHUTDOWN, 1); // normal operation
        } catch (RuntimeException e) { // Pi4J reports SPI failures as unchecked exceptions
            if (health == Health.OK) {
                log.warn("{}: write failed: {}", where, e.getMessage());
            }
            health = Health.offline(where + ": write failed (" + e.getMessage() + ") - check the wiring and"
                    + " that SPI is enabled (dtparam=spi=on)");
            return;
        }
        if (health != Health.OK) {
            log.info("{}: writing again", where);
            health = Health.OK;
        }
    }

    private void write(int register, int data) {
        spi.write(new byte[] {(byte) register, (byte) data});
    }
}
