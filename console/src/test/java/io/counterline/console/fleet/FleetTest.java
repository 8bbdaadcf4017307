package io.counterline.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.auth.Scope;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.Health;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetTest {
    private static final Instant AT = Instant.parse("2026-12-05T02:30:00Z");

    private static DeviceStatus status(String id, DeviceRole role, boolean online, Long offset) {
        return new DeviceStatus(1, id, role, online, online ? Health.OK : Health.offline("connection lost"), "0.2.0",
                AT, offset);
    }

    private static Fleet branch() {
        Fleet f = new Fleet();
        f.register("kiosk-1", DeviceRole.KIOSK, Optional.empty());
        f.register("caller-1", DeviceRole.COUNTER_CALLER, Optional.of("c1"));
        f.register("pad-1", DeviceRole.RATING_PAD, Optional.of("c1"));
        f.register("caller-2", DeviceRole.COUNTER_CALLER, Optional.of("c2"));
        return f;
    }

    @Test
    void devices_registeredOnesNeverSeen_areListedWithoutStatus_andALaterStatusReplacesTheFormer() {
        Fleet f = branch();
        f.status(status("kiosk-1", DeviceRole.KIOSK, true, -412L));
        f.status(status("kiosk-1", DeviceRole.KIOSK, false, -412L));

        assertThat(f.devices(Scope.BRANCH)).extracting(Fleet.Device::id)
                .containsExactly("caller-1", "caller-2", "kiosk-1", "pad-1");
        Fleet.Device kiosk = f.devices(Scope.BRANCH).stream().filter(d -> d.id().equals("kiosk-1")).findFirst().orElseThrow();
        assertThat(kiosk.online()).isFalse();
        assertThat(kiosk.status().orElseThrow().clockOffsetMs()).isEqualTo(-412L);
        assertThat(f.devices(Scope.BRANCH).stream().filter(d -> d.id().equals("caller-1")).findFirst().orElseThrow()
                .status()).isEmpty();
    }

    @Test
    void devices_aScopeOfCounters_showsThoseCountersDevicesOnly() {
        Fleet f = branch();
        assertThat(f.devices(Scope.parse("counters=c1"))).extracting(Fleet.Device::id).containsExactly("caller-1", "pad-1");
        assertThat(f.devices(Scope.parse("services=A"))).isEmpty();
    }

    @Test
    void status_fromAnUnregisteredId_isShownMarked_andTheNumberOfIdsIsBounded() {
        Fleet f = branch();
        f.status(status("kiosk-9", DeviceRole.KIOSK, true, null));
        assertThat(f.devices(Scope.BRANCH)).filteredOn(d -> d.id().equals("kiosk-9")).singleElement()
                .satisfies(d -> assertThat(d.registered()).isFalse());

        for (int i = 0; i < Fleet.MAX_DEVICES + 50; i++) {
            f.status(status("hall-" + i, DeviceRole.HALL_DISPLAY, true, null));
        }
        assertThat(f.devices(Scope.BRANCH)).hasSizeLessThanOrEqualTo(Fleet.MAX_DEVICES + 4);
        f.status(status("kiosk-1", DeviceRole.KIOSK, true, 5L));
        assertThat(f.devices(Scope.BRANCH)).filteredOn(d -> d.id().equals("kiosk-1")).singleElement()
                .satisfies(d -> assertThat(d.online()).as("a registered device's status is still taken").isTrue());
    }

    @Test
    void printTestPage_onlyToARegisteredKiosk_inABranchScope_throughTheHostsWay() {
        Fleet f = branch();
        java.time.Clock clock = java.time.Clock.fixed(AT, java.time.ZoneOffset.UTC);
        assertThatThrownBy(() -> f.printTestPage("kiosk-1", Scope.BRANCH, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no connection to the devices");
        java.util.List<io.counterline.protocol.Command> sent = new java.util.ArrayList<>();
        f.commandsVia(sent::add);

        io.counterline.protocol.Command c = f.printTestPage("kiosk-1", Scope.BRANCH, clock);

        assertThat(sent).containsExactly(c);
        assertThat(c.type()).isEqualTo(io.counterline.protocol.CommandType.PRINT_TEST_PAGE);
        assertThat(c.device()).isEqualTo("kiosk-1");
        assertThat(c.at()).isEqualTo(AT);
        assertThatThrownBy(() -> f.printTestPage("pad-1", Scope.BRANCH, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.printTestPage("kiosk-7", Scope.BRANCH, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.printTestPage("kiosk-1", Scope.parse("counters=c1"), clock))
                .isInstanceOf(IllegalArgumentException.class);
        f.commandsVia(cmd -> {
            throw new java.io.IOException("broker gone");
        });
        assertThatThrownBy(() -> f.printTestPage("kiosk-1", Scope.BRANCH, clock)).hasMessageContaining("broker gone");
        assertThat(sent).hasSize(1);
    }

    @Test
    void offset_isSignedMillisecondsOrSeconds_emptyUntilEstimated() {
        assertThat(FleetPage.offset(status("kiosk-1", DeviceRole.KIOSK, true, null))).isEmpty();
        assertThat(FleetPage.offset(status("kiosk-1", DeviceRole.KIOSK, true, 0L))).isEqualTo("0 ms");
        assertThat(FleetPage.offset(status("kiosk-1", DeviceRole.KIOSK, true, 412L))).isEqualTo("+412 ms");
        assertThat(FleetPage.offset(status("kiosk-1", DeviceRole.KIOSK, true, -12_345L))).isEqualTo("−12.3 s");
    }
}
