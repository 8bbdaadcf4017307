package io.counterline.server.queue;

import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which device roles may send which request and which event (docs/protocol.md). The role of a
 * device is the one the branch configuration gives it, never what a message claims. Whether the
 * device may act on a particular ticket (a kiosk voids only its own) is checked where the ticket
 * is known.
 */
final class DeviceRoles {
    private static final Map<Operation, Set<DeviceRole>> OPERATIONS = new EnumMap<>(Operation.class);
    private static final Map<EventType, Set<DeviceRole>> EVENTS = new EnumMap<>(EventType.class);

    static {
        for (Operation op : Operation.values()) {
            OPERATIONS.put(op, switch (op) {
                case TICKET_ISSUE, BLOCK_LEASE -> EnumSet.of(DeviceRole.KIOSK);
                case TELLER_SIGN_IN, TELLER_SIGN_OUT, CALL_NEXT, CALL_TICKET, CALL_RECALL, SERVICE_START,
                     SERVICE_COMPLETE, TICKET_NO_SHOW, TICKET_TRANSFER, COUNTER_PAUSE, COUNTER_RESUME, ORDER_CREATE ->
                        EnumSet.of(DeviceRole.COUNTER_CALLER);
                case CLOCK_READ -> EnumSet.of(DeviceRole.KIOSK, DeviceRole.COUNTER_CALLER, DeviceRole.RATING_PAD,
                        DeviceRole.HALL_DISPLAY);
            });
        }
        for (EventType type : EventType.values()) {
            EVENTS.put(type, switch (type) {
                case SLIP_PRINTED, SLIP_FAILED, TICKET_ISSUED_OFFLINE -> EnumSet.of(DeviceRole.KIOSK);
                case RATING_GIVEN -> EnumSet.of(DeviceRole.RATING_PAD);
                case DISPLAY_MANUAL, RECORDING_SEGMENT -> EnumSet.of(DeviceRole.COUNTER_CALLER);
                case SIGNAGE_PLAYED -> EnumSet.of(DeviceRole.HALL_DISPLAY);
                case HEALTH_CHANGED -> EnumSet.of(DeviceRole.KIOSK, DeviceRole.COUNTER_CALLER, DeviceRole.RATING_PAD,
                        DeviceRole.HALL_DISPLAY);
                case BRANCH_TICKET, BRANCH_TICKET_STEP, BRANCH_CALL, BRANCH_RATING, BRANCH_DEVICE_HEALTH,
                        BRANCH_WORK_ORDER, BRANCH_INSPECTION, BRANCH_CORRECTION, BRANCH_DEVICE_HEALTH_DAY,
                        BRANCH_RECONCILE, BRANCH_CONFIG ->
                        EnumSet.noneOf(DeviceRole.class);
            });
        }
    }

    private DeviceRoles() {
    }

    static boolean maySend(DeviceRole role, Operation op) {
        return OPERATIONS.get(op).contains(role);
    }

    static boolean maySend(DeviceRole role, EventType type) {
        return EVENTS.get(type).contains(role);
    }

    /** Refuses a request its sender's role may not make. */
    static void check(String device, DeviceRole role, Operation op) throws QueueException {
        if (!maySend(role, op)) {
            throw QueueError.NOT_ALLOWED.because(device + " is a " + role.wire() + "; " + op.wire() + " is for "
                    + names(OPERATIONS.get(op)));
        }
    }

    private static String names(Set<DeviceRole> roles) {
        return String.join(", ", roles.stream().map(DeviceRole::wire).toList());
    }
}
