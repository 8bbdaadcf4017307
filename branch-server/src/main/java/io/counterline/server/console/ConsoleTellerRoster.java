package io.counterline.server.console;

import io.counterline.config.PinHash;
import io.counterline.console.staff.Staff;
import io.counterline.server.config.TellerConfig;
import io.counterline.server.config.TellerRoster;
import io.counterline.protocol.Bodies;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's tellers: the branch file's, with the console's changes over them (rename,
 * disable, new PIN) and the tellers added in the console, and their photos for the pad. Reads the
 * console's in-memory copy only, so a sign-in on the engine thread never waits for a file.
 */
final class ConsoleTellerRoster implements TellerRoster {
    private final TellerRoster file;
    private final Staff staff;
    private final Function<String, Optional<Bodies.TellerPhoto>> photos;

    ConsoleTellerRoster(TellerRoster file, Staff staff, Function<String, Optional<Bodies.TellerPhoto>> photos) {
        this.file = file;
        this.staff = staff;
        this.photos = photos;
    }

    @Override
    public Optional<Bodies.TellerPhoto> photo(String id) {
        return photos.apply(id);
    }

    @Override
    public Optional<TellerConfig> teller(String id) {
        return staff.changed(id).map(row -> {
            if (row.disabled()) {
                return Optional.<TellerConfig>empty();
            }
            Optional<TellerConfig> seed = file.teller(id);
            PinHash pin = row.pinHash() != null ? PinHash.parse(row.pinHash()) : seed.map(TellerConfig::pin).orElse(null);
            return pin == null ? Optional.<TellerConfig>empty()
                    : Optional.of(new TellerConfig(id, row.name(), row.employeeNo(), pin));
        }).orElseGet(() -> file.teller(id));
    }
}
