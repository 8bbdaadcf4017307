package io.counterline.demo.bench;

import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.kiosk.KioskNode;
import io.counterline.kiosk.KioskSettings;
import io.counterline.kiosk.printer.EscPosSlipPrinter;
import io.counterline.kiosk.ticket.KioskState;
import io.counterline.kiosk.ticket.TicketOutcome;
import io.counterline.protocol.DeviceRole;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Kiosk press → first slip byte, online: a real {@link KioskNode} on its own device runtime with
 * the real {@link EscPosSlipPrinter} (read-status off, so the first byte written is the slip's)
 * over a {@link TimestampingLink}. The press asks the branch server for a ticket, renders the
 * slip and writes it; the time is from {@code press()} to that first byte.
 */
final class SlipLatency {
    static final String SERVICE = "C";
    /** The example kiosk's admin PIN hash (PIN 2468); the bench never opens the admin screen. */
    static final String ADMIN_PIN_HASH =
            "pbkdf2-sha256$10000$WaytYtYeir9YZijq+51IVQ==$GOlx4bmjwVUVrj+4v+8sqD1J4RuG3NvrVSEVx+ah+mw=";

    private SlipLatency() {
    }

    static Samples measure(BenchBranch branch, Plan plan) throws Exception {
        TimestampingLink link = new TimestampingLink();
        KioskSettings settings = KioskSettings.from(ConfigFactory.parseString(
                "admin-pin-hash = \"" + ADMIN_PIN_HASH + "\"\nfooter = [\"请留意叫号 Please listen for your number\"]"));
        try (DeviceRuntime runtime = branch.runtime(BenchBranch.kiosk(1), DeviceRole.KIOSK);
             EscPosSlipPrinter printer = new EscPosSlipPrinter(() -> link, 48, false, "bench memory link");
             KioskNode kiosk = KioskNode.start(settings, runtime, printer, Optional.empty())) {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            kiosk.controller().onChange(state -> {
                if (state.online() && state.tile(SERVICE).map(KioskState.Tile::available).orElse(false)) {
                    ready.complete(null);
                }
            });
            Await.get(ready, "kiosk online with service " + SERVICE);
            for (int i = 0; i < plan.warmup(); i++) {
                press(kiosk);
            }
            Samples samples = new Samples(plan.samples());
            for (int i = 0; i < plan.samples(); i++) {
                long t0 = System.nanoTime();
                press(kiosk);
                samples.add(link.firstByteNanos() - t0);
            }
            return samples;
        }
    }

    private static void press(KioskNode kiosk) throws BenchException {
        TicketOutcome outcome = Await.get(kiosk.press(SERVICE), "slip");
        if (!(outcome instanceof TicketOutcome.Printed printed) || printed.slip().offline()) {
            throw new BenchException("kiosk did not print an online slip: " + outcome);
        }
    }
}
