package io.counterline.hall;

import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceSettings;
import io.counterline.protocol.CallsState;
import io.counterline.protocol.CallsState.Call;
import io.counterline.protocol.DayState;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.SignageState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Protocol states and settings for the hall display's tests. */
public final class States {
    public static final Instant T0 = Instant.parse("2026-11-22T01:30:00Z");

    private States() {
    }

    /** A first call of {@code number} to counter {@code counterNo}, made {@code second}s after T0. */
    public static Call call(String callId, String number, int counterNo, int second) {
        return new Call(callId, "t-" + number, number, "c" + counterNo, counterNo + "号窗口", "Counter " + counterNo,
                0, T0.plusSeconds(second));
    }

    public static Call recall(Call call, String callId, int second) {
        return new Call(callId, call.ticketId(), call.number(), call.counter(), call.counterNameZh(),
                call.counterNameEn(), call.recall() + 1, T0.plusSeconds(second));
    }

    /** A state/calls published at T0 + {@code second}, calls given newest first. */
    public static CallsState calls(int second, Call... newestFirst) {
        return new CallsState(1, T0.plusSeconds(second), List.of(newestFirst));
    }

    public static ServicesState services(Service... services) {
        return new ServicesState(1, T0, "2026-11-22", List.of(services));
    }

    public static Service service(String id, String nameZh, String nameEn, int waiting, int waitSeconds) {
        return new Service(id, id.substring(0, 1).toUpperCase(), nameZh, nameEn, true, "09:00-17:00", waiting,
                waitSeconds);
    }

    public static DayState day(String branchName, String zone) {
        return new DayState(1, "b1", branchName, "2026-11-22", zone, T0);
    }

    public static SignageState signage(List<String> lines, List<String> images, int slideSeconds) {
        return new SignageState(1, lines, images, slideSeconds);
    }

    /** Device hall-1 of branch b001 with its store in {@code dataDir}, for a runtime on an in-memory bus. */
    public static DeviceSettings device(Path dataDir) {
        return DeviceSettings.from(ConfigFactory.parseString("""
                device { id = hall-1, branch = b001, data-dir = "%s" }
                broker { uri = "tcp://127.0.0.1:1", secret = "hall-1-secret-0001" }
                """.formatted(dataDir)), DeviceRole.HALL_DISPLAY);
    }

    public static HallSettings settings(Path contentFolder) {
        return new HallSettings(Duration.ofSeconds(8), Duration.ofSeconds(30), 8, contentFolder, 3, false, 1920, 1080, Map.of());
    }
}
