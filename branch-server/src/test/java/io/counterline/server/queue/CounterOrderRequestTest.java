package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code order.create}: who may ask, what the engine attaches, and a repeat answered from the store. */
class CounterOrderRequestTest {
    @TempDir
    Path dir;
    private EngineFixture f;
    private final FakeCounterOrders orders = new FakeCounterOrders();

    /** Keeps what it is asked; numbers orders from 1; fails while {@link #unavailable} is set. */
    private static final class FakeCounterOrders implements CounterOrders {
        final List<AtCounter> asked = new CopyOnWriteArrayList<>();
        volatile boolean unavailable;

        @Override
        public Bodies.OrderCreated create(AtCounter at, Bodies.NewOrder order) {
            if (unavailable) {
                throw new Unavailable("console.db is locked");
            }
            if (order.category().equals("gossip")) {
                throw new IllegalArgumentException("unknown category 'gossip'");
            }
            asked.add(at);
            return new Bodies.OrderCreated(asked.size(), order.category(), Instant.parse("2026-11-24T02:00:00Z"),
                    at.ticketNumber());
        }
    }

    @BeforeEach
    void start() throws Exception {
        f = new EngineFixture(dir);
        f.close();
        f.orders = orders;
        f.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Bodies.NewOrder complaint() {
        return new Bodies.NewOrder("complaint", "等候太久", "");
    }

    @Test
    void onlyACounterCaller_withATellerSignedIn_mayCreate() throws Exception {
        assertThat(f.error("k1", Operation.ORDER_CREATE, complaint())).isEqualTo("NOT_ALLOWED");
        assertThat(f.error("pad1", Operation.ORDER_CREATE, complaint())).isEqualTo("NOT_ALLOWED");
        assertThat(f.error("caller1", Operation.ORDER_CREATE, complaint())).isEqualTo("NOT_SIGNED_IN");
        assertThat(orders.asked).isEmpty();
    }

    @Test
    void order_isLinkedToTheCounterTheTellerAndTheTicketBeingServed() throws Exception {
        String ticket = f.issue("k1", "A").ticket().id();
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        Bodies.OrderCreated created = f.ok("caller1", Operation.ORDER_CREATE, complaint(), Bodies.OrderCreated.class);
        assertThat(created.order()).isEqualTo(1);
        assertThat(created.ticket()).isEqualTo("A001");
        CounterOrders.AtCounter at = orders.asked.get(0);
        assertThat(at.counter()).isEqualTo("c1");
        assertThat(at.teller()).isEqualTo("t1");
        assertThat(at.ticketId()).isEqualTo(ticket);
        assertThat(at.requestKey()).startsWith("caller1/");
    }

    @Test
    void justAfterComplete_theCustomerLastServedIsLinked_butNotAfterAQuarterOfAnHour() throws Exception {
        String ticket = f.issue("k1", "A").ticket().id();
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        f.teller("caller1", Operation.SERVICE_COMPLETE);
        f.clock.advance(Duration.ofMinutes(5));
        f.ok("caller1", Operation.ORDER_CREATE, complaint(), Bodies.OrderCreated.class);
        assertThat(orders.asked.get(0).ticketId()).isEqualTo(ticket);
        f.clock.advance(RequestDispatcher.RECENT_CUSTOMER);
        assertThat(f.ok("caller1", Operation.ORDER_CREATE, complaint(), Bodies.OrderCreated.class).ticket()).isNull();
        assertThat(orders.asked.get(1).ticketId()).isNull();
    }

    @Test
    void aRepeatedId_getsTheFirstAnswer_withoutAskingAgain_andRefusalsAreClear() throws Exception {
        f.signIn("caller1", "t1");
        Response first = f.send("caller1", "req-1", Operation.ORDER_CREATE, complaint());
        Response again = f.send("caller1", "req-1", Operation.ORDER_CREATE, complaint());
        assertThat(f.codec.decodeBody(again.result(), Bodies.OrderCreated.class).orThrow())
                .isEqualTo(f.codec.decodeBody(first.result(), Bodies.OrderCreated.class).orThrow());
        assertThat(orders.asked).hasSize(1);

        assertThat(f.error("caller1", Operation.ORDER_CREATE, new Bodies.NewOrder("gossip", "x", null)))
                .isEqualTo("BAD_ARGS");
        orders.unavailable = true;
        Response failed = f.send("caller1", "req-2", Operation.ORDER_CREATE, complaint());
        assertThat(failed.error().code()).isEqualTo("STORE_ERROR");
        orders.unavailable = false;
        Response retried = f.send("caller1", "req-2", Operation.ORDER_CREATE, complaint());
        assertThat(retried.ok()).as("the failure was not stored: the same id asked again creates it").isTrue();
        assertThat(orders.asked).hasSize(2);
    }
}
