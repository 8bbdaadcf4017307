package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import org.junit.jupiter.api.Test;

class DeviceRolesTest {

    @Test
    void events_onlyFromTheRoleThatObservesThem() {
        assertThat(DeviceRoles.maySend(DeviceRole.KIOSK, EventType.SLIP_FAILED)).isTrue();
        assertThat(DeviceRoles.maySend(DeviceRole.RATING_PAD, EventType.SLIP_FAILED)).isFalse();
        assertThat(DeviceRoles.maySend(DeviceRole.HALL_DISPLAY, EventType.TICKET_ISSUED_OFFLINE)).isFalse();
        assertThat(DeviceRoles.maySend(DeviceRole.COUNTER_CALLER, EventType.TICKET_ISSUED_OFFLINE)).isFalse();
        assertThat(DeviceRoles.maySend(DeviceRole.RATING_PAD, EventType.RATING_GIVEN)).isTrue();
        assertThat(DeviceRoles.maySend(DeviceRole.KIOSK, EventType.RATING_GIVEN)).isFalse();
        assertThat(DeviceRoles.maySend(DeviceRole.COUNTER_CALLER, EventType.DISPLAY_MANUAL)).isTrue();
        assertThat(DeviceRoles.maySend(DeviceRole.HALL_DISPLAY, EventType.HEALTH_CHANGED)).isTrue();
        assertThat(DeviceRoles.maySend(DeviceRole.SERVER, EventType.HEALTH_CHANGED)).isFalse();
        assertThat(DeviceRoles.maySend(DeviceRole.COUNTER_CALLER, EventType.RECORDING_SEGMENT)).isTrue();
        for (DeviceRole other : new DeviceRole[] {DeviceRole.KIOSK, DeviceRole.RATING_PAD, DeviceRole.HALL_DISPLAY,
                DeviceRole.SERVER}) {
            assertThat(DeviceRoles.maySend(other, EventType.RECORDING_SEGMENT)).as(other.wire()).isFalse();
        }
    }

    @Test
    void everyOperation_hasItsRoles_andOthersAreRefused() throws Exception {
        for (Operation op : Operation.values()) {
            long allowed = java.util.Arrays.stream(DeviceRole.values()).filter(r -> DeviceRoles.maySend(r, op)).count();
            // Every device reads the server's clock; each other operation belongs to one role.
            assertThat(allowed).as(op.wire()).isEqualTo(op == Operation.CLOCK_READ ? 4 : 1);
        }
        assertThat(DeviceRoles.maySend(DeviceRole.SERVER, Operation.CLOCK_READ)).isFalse();
        DeviceRoles.check("k1", DeviceRole.KIOSK, Operation.BLOCK_LEASE);
        assertThatThrownBy(() -> DeviceRoles.check("pad1", DeviceRole.RATING_PAD, Operation.CALL_NEXT))
                .isInstanceOf(QueueException.class).hasMessageContaining("NOT_ALLOWED")
                .hasMessageContaining("counter-caller");
    }
}
