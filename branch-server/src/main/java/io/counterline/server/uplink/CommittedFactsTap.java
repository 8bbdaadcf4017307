package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.Rows.RatingRow;
import io.counterline.server.store.Rows.TicketRow;
import io.counterline.server.store.Rows.TicketStepRow;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sees the business facts the engine writes to its store, journals them for the uplink in the
 * same transaction ({@link UplinkJournal}: committed with them or undone with them, so a crash
 * right after the commit loses none), and hands them on once the transaction committed. A
 * write undone with its savepoint ({@link BranchStore#isolated}) or a rolled-back batch hands
 * on and journals nothing.
 *
 * <p>A dynamic proxy so that every other store method passes through untouched, including ones
 * added later. Used only from the engine's single thread, like the store itself.
 */
public final class CommittedFactsTap implements InvocationHandler {
    private final BranchStore store;
    private final Consumer<List<Uplink.Fact>> sink;
    private final MessageCodec codec = new MessageCodec();
    private final List<Uplink.Fact> batch = new ArrayList<>();
    private int depth;

    private CommittedFactsTap(BranchStore store, Consumer<List<Uplink.Fact>> sink) {
        this.store = store;
        this.sink = sink;
    }

    /** {@code store} as the engine should see it, with {@code sink} called after each commit. */
    public static BranchStore wrap(BranchStore store, Consumer<List<Uplink.Fact>> sink) {
        return (BranchStore) Proxy.newProxyInstance(BranchStore.class.getClassLoader(),
                new Class<?>[] {BranchStore.class}, new CommittedFactsTap(store, sink));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "inTransaction" -> {
                return inTransaction(method, args);
            }
            case "isolated" -> {
                if (depth == 0) {
                    return inTransaction(method, args); // outside a transaction it is one of its own
                }
                int mark = batch.size();
                try {
                    return call(method, args);
                } catch (Throwable t) {
                    batch.subList(mark, batch.size()).clear();
                    throw t;
                }
            }
            default -> {
                Object result = call(method, args);
                if (depth > 0) {
                    record(method.getName(), args, result);
                }
                return result;
            }
        }
    }

    private Object inTransaction(Method method, Object[] args) throws Throwable {
        depth++;
        boolean outermost = depth == 1;
        try {
            Object result = outermost ? call(method, new Object[] {journaledAtTheEnd((BranchStore.Work<?>) args[0])})
                    : call(method, args);
            if (outermost && !batch.isEmpty()) {
                sink.accept(List.copyOf(batch));
            }
            return result;
        } finally {
            depth--;
            if (outermost) {
                batch.clear();
            }
        }
    }

    /** The work, then (still inside its transaction) the journaling of the facts it wrote. */
    private BranchStore.Work<Object> journaledAtTheEnd(BranchStore.Work<?> work) {
        return () -> {
            Object result = work.run();
            if (!batch.isEmpty()) {
                store.journalUplink(UplinkJournal.rows(batch));
            }
            return result;
        };
    }

    private void record(String name, Object[] args, Object result) {
        switch (name) {
            case "saveTicket" -> add(EventType.BRANCH_TICKET, codec.toBody((TicketRow) args[0]));
            case "logTicket" -> add(EventType.BRANCH_TICKET_STEP, stepBody(codec, new TicketStepRow((String) args[0],
                    (Instant) args[1], (String) args[2], (String) args[3], (String) args[4], (String) args[5])));
            case "insertCall" -> add(EventType.BRANCH_CALL, codec.toBody((CallRow) args[0]));
            case "insertRating" -> {
                if (Boolean.TRUE.equals(result)) {
                    add(EventType.BRANCH_RATING, codec.toBody((RatingRow) args[0]));
                }
            }
            case "storeEvents" -> {
                @SuppressWarnings("unchecked")
                List<EventEnvelope> stored = (List<EventEnvelope>) result;
                for (EventEnvelope e : stored) {
                    if (e.type() == EventType.HEALTH_CHANGED) {
                        add(EventType.BRANCH_DEVICE_HEALTH, healthBody(e.device(), e.id(), e.at(), e.body()));
                    }
                }
            }
            default -> {
                // reads and the engine's own bookkeeping (day, numbers, arms, leases) are not facts
            }
        }
    }

    private void add(EventType type, ObjectNode body) {
        batch.add(new Uplink.Fact(type, body));
    }

    /** The body of a device's health change as uplinked; also what {@link Reconciliation} sends again. */
    static ObjectNode healthBody(String device, String event, Instant at, ObjectNode changed) {
        ObjectNode health = new MessageCodec().emptyBody();
        health.put("device", device);
        health.put("event", event);
        health.put("at", at.toString());
        health.set("health", changed);
        return health;
    }

    /** The body of a ticket step as uplinked; also what {@link Reconciliation} sends again. */
    static ObjectNode stepBody(MessageCodec codec, TicketStepRow s) {
        ObjectNode step = codec.emptyBody();
        step.put("ticket", s.ticket());
        step.put("at", s.at().toString());
        step.put("action", s.action());
        putIfPresent(step, "counter", s.counter());
        putIfPresent(step, "teller", s.teller());
        putIfPresent(step, "detail", s.detail());
        return step;
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
