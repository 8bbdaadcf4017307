package io.counterline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.demo.DemoLayout.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoLayoutTest {

    @Test
    void forCounters_demoBranch_everyWindowOnA1920x1080ScreenAndNoneOverlaps() {
        DemoLayout layout = DemoLayout.forCounters(DemoBranch.COUNTERS);

        List<Placement> windows = layout.windows();
        assertThat(windows).extracting(Placement::name)
                .containsExactly("kiosk", "hall", "teller-1", "pad-1", "teller-2", "pad-2", "printer");
        for (Placement w : windows) {
            assertThat(w.x()).as(w.name()).isGreaterThanOrEqualTo(0);
            assertThat(w.y() - DemoLayout.TITLE_BAR).as(w.name() + " title bar").isGreaterThanOrEqualTo(0);
            assertThat(w.x() + w.width()).as(w.name() + " right edge").isLessThanOrEqualTo(1920);
            assertThat(w.bottom()).as(w.name() + " bottom edge").isLessThanOrEqualTo(1080);
            for (Placement other : windows) {
                if (other != w) {
                    assertThat(w.overlaps(other)).as(w + " overlaps " + other).isFalse();
                }
            }
        }
    }

    @Test
    void forCounters_devicesAtTheirDesignSizes() {
        DemoLayout layout = DemoLayout.forCounters(2);

        assertThat(layout.window("kiosk")).extracting(Placement::width, Placement::height)
                .as("the kiosk's smallest supported screen").containsExactly(800.0, 480.0);
        assertThat(layout.window("teller-1")).extracting(Placement::width, Placement::height)
                .as("the teller's 800x480 panel").containsExactly(800.0, 480.0);
        assertThat(layout.window("hall").width() / layout.window("hall").height()).isCloseTo(16 / 9.0,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(layout.window("printer").height()).as("room for a slip").isGreaterThan(400);
    }

    @Test
    void overlaps_windowsSharingAnEdgeOrATitleBar() {
        Placement a = new Placement("a", 0, 32, 100, 100);

        assertThat(a.overlaps(new Placement("side by side", 100, 32, 100, 100))).isFalse();
        assertThat(a.overlaps(new Placement("below, title bar clear", 0, 164, 100, 100))).isFalse();
        assertThat(a.overlaps(new Placement("title bar on a", 0, 150, 100, 100))).isTrue();
        assertThat(a.overlaps(new Placement("inside", 10, 40, 10, 10))).isTrue();
    }

    @Test
    void forCounters_moreThanTheScreenHolds_refused() {
        assertThatThrownBy(() -> DemoLayout.forCounters(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
