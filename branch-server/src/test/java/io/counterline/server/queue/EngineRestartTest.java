package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.Operation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineRestartTest {
    @TempDir
    Path dir;

    private EngineFixture f;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void restart_keepsCountersQueueCallsAndNumbering() throws Exception {
        f = new EngineFixture(dir);
        for (int i = 0; i < 5; i++) {
            f.issue("k1", "A");
        }
        f.issue("k2", "B");
        f.signIn("caller1", "t1");
        f.signIn("caller2", "t2");
        f.teller("caller1", Operation.CALL_NEXT);
        f.teller("caller1", Operation.SERVICE_START);
        f.clock.advance(Duration.ofMinutes(3));
        f.teller("caller2", Operation.CALL_NEXT);
        f.teller("caller2", Operation.SERVICE_COMPLETE);
        f.teller("caller2", Operation.COUNTER_PAUSE, new Bodies.Pause("会议"));
        var before = new Object[] {f.counter("c1"), f.counter("c2"), f.services(), f.calls().calls()};

        f.restart();

        assertThat(f.counter("c1")).isEqualTo(before[0]);
        assertThat(f.counter("c1").status()).isEqualTo(CounterStatus.SERVING);
        assertThat(f.counter("c2")).isEqualTo(before[1]);
        assertThat(f.services().services()).isEqualTo(((io.counterline.protocol.ServicesState) before[2]).services());
        assertThat(f.calls().calls()).isEqualTo(before[3]);
        assertThat(f.issue("k1", "A").ticket().number()).isEqualTo("A006");
        assertThat(f.teller("caller1", Operation.SERVICE_COMPLETE).day().served()).isEqualTo(1);
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo("A002");
    }
}
