package io.counterline.gpio;

import static io.counterline.gpio.KeyEvent.LONG_PRESS;
import static io.counterline.gpio.KeyEvent.PRESSED;
import static io.counterline.gpio.KeyEvent.RELEASED;
import static io.counterline.gpio.KeyEvent.SHORT_PRESS;
import static io.counterline.gpio.KeyEvent.STUCK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebouncerTest {
    /** 30 ms debounce, long press at 1.5 s, stuck at 5 s. */
    private static final KeyTiming TIMING = KeyTiming.DEFAULT;

    private final List<KeyEvent> events = new ArrayList<>();
    private Debouncer debouncer = new Debouncer(TIMING, false, 0, events::add);

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    private void down(long atMillis) {
        debouncer.level(true, ms(atMillis));
    }

    private void up(long atMillis) {
        debouncer.level(false, ms(atMillis));
    }

    private void poll(long atMillis) {
        debouncer.poll(ms(atMillis));
    }

    @Test
    void press_bouncingWithinWindow_countedOnce() {
        down(0);
        up(4);
        down(9);
        up(13);
        down(20);
        poll(49);
        assertThat(events).as("20 ms + 29 ms: not yet settled").isEmpty();

        poll(50);
        up(200);
        down(205);
        up(211);
        poll(300);

        assertThat(events).containsExactly(PRESSED, SHORT_PRESS, RELEASED);
    }

    @Test
    void press_pollMissedTheWindow_settledByTheNextEdge() {
        down(0);
        up(100);
        poll(200);

        assertThat(events).containsExactly(PRESSED, SHORT_PRESS, RELEASED);
    }

    @Test
    void twoPresses_outsideWindow_countedTwice() {
        down(0);
        poll(40);
        up(150);
        poll(190);
        down(300);
        poll(340);
        up(450);
        poll(490);

        assertThat(events).containsExactly(PRESSED, SHORT_PRESS, RELEASED, PRESSED, SHORT_PRESS, RELEASED);
    }

    @Test
    void spike_shorterThanWindow_ignored() {
        down(0);
        up(25);
        poll(1000);

        assertThat(events).isEmpty();
    }

    @Test
    void hold_pastStuckThreshold_stuckReportedOnceAndNothingUntilRelease() {
        down(0);
        for (long t = 10; t <= 12_000; t += 10) {
            poll(t);
        }
        assertThat(events).containsExactly(PRESSED, LONG_PRESS, STUCK);

        up(12_000);
        down(12_010);
        poll(12_500);
        assertThat(events).as("a bounce of the stuck key is no release").containsExactly(PRESSED, LONG_PRESS, STUCK);

        up(13_000);
        poll(13_030);
        assertThat(events).containsExactly(PRESSED, LONG_PRESS, STUCK, RELEASED);

        down(14_000);
        poll(14_030);
        assertThat(events).as("works again after release").endsWith(RELEASED, PRESSED);
    }

    @Test
    void hold_justUnderStuckThreshold_notStuck() {
        down(0);
        poll(4_999);
        up(4_999);
        poll(5_100);

        assertThat(events).containsExactly(PRESSED, LONG_PRESS, RELEASED);
    }

    @Test
    void shortPress_releasedBeforeThreshold_shortPressNoLongPress() {
        down(0);
        poll(1_000);
        up(1_000);
        poll(1_530);

        assertThat(events).containsExactly(PRESSED, SHORT_PRESS, RELEASED);
    }

    @Test
    void longPress_heldToThreshold_reportedWhileHeldAndNoShortPressOnRelease() {
        down(0);
        poll(1_499);
        assertThat(events).containsExactly(PRESSED);

        poll(1_500);
        assertThat(events).as("1.5 s after the contact closed").containsExactly(PRESSED, LONG_PRESS);

        poll(2_000);
        up(2_000);
        poll(2_100);
        assertThat(events).containsExactly(PRESSED, LONG_PRESS, RELEASED);
    }

    @Test
    void keyDownAtStart_released_reportsNothing() {
        debouncer = new Debouncer(TIMING, true, 0, events::add);
        poll(1_000);
        up(1_000);
        poll(3_000);

        assertThat(events).as("a key held at start is no press, no click, no long press").isEmpty();
    }

    @Test
    void keyDownAtStart_heldPastStuckThreshold_stuckThenReleased() {
        debouncer = new Debouncer(TIMING, true, 0, events::add);
        poll(5_000);
        up(6_000);
        poll(6_030);

        assertThat(events).containsExactly(STUCK, RELEASED);
    }

    @Test
    void edge_stampedBeforeLastPoll_timeDoesNotRunBackwards() {
        down(0);
        poll(100);
        up(90); // stamped on another thread just before the poll read the clock
        poll(119);
        assertThat(events).as("counted from 100, not 90").containsExactly(PRESSED);

        poll(130);
        assertThat(events).containsExactly(PRESSED, SHORT_PRESS, RELEASED);
    }
}
