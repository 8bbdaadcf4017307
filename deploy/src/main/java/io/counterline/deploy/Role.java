package io.counterline.deploy;

import io.counterline.protocol.DeviceRole;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A package role ({@code counterline-<name>}) and the device role it runs in the branch. */
public enum Role {
    KIOSK("kiosk", DeviceRole.KIOSK),
    CALLER("caller", DeviceRole.COUNTER_CALLER),
    PAD("pad", DeviceRole.RATING_PAD),
    HALL("hall", DeviceRole.HALL_DISPLAY);

    private final String name;
    private final DeviceRole device;

    Role(String name, DeviceRole device) {
        this.name = name;
        this.device = device;
    }

    public String packageRole() {
        return name;
    }

    public DeviceRole device() {
        return device;
    }

    /** Callers and pads belong to a counter. */
    public boolean atCounter() {
        return device == DeviceRole.COUNTER_CALLER || device == DeviceRole.RATING_PAD;
    }

    public static Role of(String name) {
        return Arrays.stream(values()).filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be one of "
                        + Arrays.stream(values()).map(r -> r.name).collect(Collectors.joining(", ")) + ", was '" + name + "'"));
    }
}
