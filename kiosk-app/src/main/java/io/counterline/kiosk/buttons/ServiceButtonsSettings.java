package io.counterline.kiosk.buttons;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.gpio.PinClaims;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which physical button issues a ticket for which service, and how buttons are debounced.
 *
 * @param buttons one per service, in config order
 * @param timing  debounce and stuck threshold (the long press is not used on the kiosk)
 */
public record ServiceButtonsSettings(List<Button> buttons, KeyTiming timing) {

    /**
     * @param serviceId the service's id as the server knows it, e.g. {@code "A"}
     * @param pin       the button's input (wired to GND, internal pull-up, active low by default)
     */
    public record Button(String serviceId, InputPinSettings pin) {
        public Button {
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(pin, "pin");
        }
    }

    public ServiceButtonsSettings {
        buttons = List.copyOf(buttons);
        Objects.requireNonNull(timing, "timing");
    }

    /**
     * Reads, e.g. from the app's {@code kiosk.gpio} subtree:
     * <pre>
     * buttons = [
     *   { service = "A", pin = 17 }    # also pull (up|down|off), active (low|high)
     *   { service = "B", pin = 27 }
     * ]
     * debounce = 30ms                  # optional
     * stuck-after = 5s                 # optional
     * </pre>
     * An empty list is a kiosk with the touchscreen only.
     *
     * @throws ConfigException naming the key ({@code buttons[1].pin}): missing, malformed, out of
     *                         range, a pin or a service used twice
     */
    public static ServiceButtonsSettings from(Config config) {
        PinClaims claims = new PinClaims();
        Set<String> services = new HashSet<>();
        List<Button> buttons = new ArrayList<>();
        List<? extends Config> entries = config.getConfigList("buttons");
        for (int i = 0; i < entries.size(); i++) {
            Config entry = entries.get(i);
            String name = "buttons[" + i + "]";
            String service = entry.getString("service").trim();
            if (service.isEmpty() || !services.add(service)) {
                throw new ConfigException.BadValue(entry.origin(), name + ".service",
                        service.isEmpty() ? "must not be empty" : "service '" + service + "' already has a button");
            }
            InputPinSettings pin = InputPinSettings.from(entry, name);
            claims.claim(entry, name + ".pin", pin.bcm());
            buttons.add(new Button(service, pin));
        }
        return new ServiceButtonsSettings(buttons, KeyTiming.from(config));
    }
}
