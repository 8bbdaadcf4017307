package io.counterline.caller;

import com.pi4j.context.Context;
import io.counterline.audio.Announcer;
import io.counterline.audio.Announcers;
import io.counterline.audio.SimulatedAnnouncer;
import io.counterline.caller.button.CallButton;
import io.counterline.caller.button.GpioCallButton;
import io.counterline.caller.button.SimulatedCallButton;
import io.counterline.caller.display.CounterDisplay;
import io.counterline.caller.display.CounterDisplays;
import io.counterline.caller.display.SimulatedCounterDisplay;
import io.counterline.gpio.Gpio;
import io.counterline.gpio.GpioProvider;
import io.counterline.protocol.Health;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's hardware: counter display, call button, speaker, and the Pi4J context they
 * share when real. Whoever opens it closes it, after the {@link CallerNode} that uses it.
 *
 * @param buttonAtStart    ok, or why the configured button could not be opened (a simulated one stands in)
 * @param announcerAtStart ok, or why the configured announcer could not start (a simulated one stands in)
 * @param gpio             the Pi4J context, if one was made
 */
public record CallerHardware(CounterDisplay display, CallButton button, Announcer announcer, Health buttonAtStart,
                             Health announcerAtStart, Optional<Context> gpio) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallerHardware.class);

    /** Simulators only, for the demo and tests. */
    public static CallerHardware simulated() {
        return new CallerHardware(new SimulatedCounterDisplay(), new SimulatedCallButton(), new SimulatedAnnouncer(),
                Health.OK, Health.OK, Optional.empty());
    }

    /** Opens what the settings ask for and logs which; never throws: a part that fails is stood in for. */
    public static CallerHardware open(CallerSettings settings) {
        Context[] context = new Context[1];
        GpioProvider provider = settings.callButton().map(CallerSettings.GpioButton::provider)
                .orElse(GpioProvider.GPIOD);
        // Made on first need only: a simulated counter without MAX7219 never touches Pi4J.
        Supplier<Context> pi4j = () -> {
            if (context[0] == null) {
                context[0] = Gpio.newContext(provider);
            }
            return context[0];
        };
        CounterDisplay display = CounterDisplays.open(settings.display(), pi4j);
        CallButton button;
        Health buttonAtStart = Health.OK;
        if (settings.callButton().isPresent()) {
            try {
                button = new GpioCallButton(pi4j.get(), settings.callButton().get().button());
                log.info("call button: GPIO {}", settings.callButton().get().button());
            } catch (IllegalStateException e) {
                buttonAtStart = Health.configError("counter-caller.gpio: " + e.getMessage());
                log.error("call button: {}; only the screen can call", buttonAtStart.reason());
                button = new SimulatedCallButton();
            }
        } else {
            log.info("call button: simulated (on screen only)");
            button = new SimulatedCallButton();
        }
        Announcers.Opened announcer = Announcers.open(settings.announcer());
        return new CallerHardware(display, button, announcer.announcer(), buttonAtStart, announcer.health(),
                Optional.ofNullable(context[0]));
    }

    /** Closes in reverse order of opening; never throws. */
    @Override
    public void close() {
        announcer.close();
        button.close();
        display.close();
        gpio.ifPresent(c -> {
            try {
                c.shutdown();
            } catch (RuntimeException e) {
                log.warn("Pi4J shutdown: {}", e.getMessage());
            }
        });
    }
}
