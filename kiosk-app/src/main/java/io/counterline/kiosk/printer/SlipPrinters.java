package io.counterline.kiosk.printer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the slip printer the configuration asks for. */
public final class SlipPrinters {
    private static final Logger log = LoggerFactory.getLogger(SlipPrinters.class);

    private SlipPrinters() {
    }

    /**
     * The printer for {@code settings}, logged. Never fails on a missing or unreachable printer:
     * the link is opened on first use and problems show in {@link SlipPrinter#status()}.
     */
    public static SlipPrinter open(PrinterSettings settings) {
        log.info("slip printer: {}", settings.describe());
        if (settings.type() == PrinterSettings.Type.SIMULATED) {
            return new SimulatedSlipPrinter(settings.simulatedOutputDir(), settings.columns());
        }
        PrinterLink.Opener opener = switch (settings.link()) {
            case USB -> () -> DeviceFileLink.open(settings.device(), settings.readStatus(), settings.statusTimeout());
            case SERIAL -> () -> SerialLink.open(settings.serial(), settings.statusTimeout());
            case TCP -> () -> TcpLink.open(settings.tcp().host(), settings.tcp().port(),
                    settings.tcp().connectTimeout(), settings.statusTimeout());
        };
        return new EscPosSlipPrinter(opener, settings.columns(), settings.readStatus(), settings.describe());
    }
}
