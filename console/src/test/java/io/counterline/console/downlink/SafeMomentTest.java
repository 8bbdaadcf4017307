package io.counterline.console.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.staff.Floor;
import io.counterline.protocol.ConfigDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SafeMomentTest {
    private static final Function<String, Optional<Floor.Place>> BRANCH = id -> switch (id) {
        case "A" -> Optional.of(new Floor.Place(Floor.Kind.SERVICE, "A", "个人业务", "Personal", false, false));
        case "B" -> Optional.of(new Floor.Place(Floor.Kind.SERVICE, "B", "对公业务", "Business", false, false));
        default -> Optional.empty();
    };

    private static ConfigDocument.Service service(String id, String zh, String en, boolean disabled) {
        return new ConfigDocument.Service(id, zh, en, disabled, Optional.empty());
    }

    private static ConfigDocument doc(ConfigDocument.Service... services) {
        return new ConfigDocument("b1", 1, List.of(services), List.of(), List.of());
    }

    @Test
    void renamedOrDisabledServiceWithOpenTickets_waits_othersDoNot() {
        ConfigDocument d = doc(service("A", "个人金融", "Personal", false), service("B", "对公业务", "Business", true));
        assertThat(SafeMoment.mustWait(d, BRANCH, Optional.of(Map.of("A", 3, "B", 1)))).containsExactly("A", "B");
        assertThat(SafeMoment.mustWait(d, BRANCH, Optional.of(Map.of("A", 3)))).containsExactly("A");
        assertThat(SafeMoment.mustWait(d, BRANCH, Optional.of(Map.of()))).isEmpty();
    }

    @Test
    void unchangedOrNewService_neverWaits() {
        ConfigDocument d = doc(service("A", "个人业务", "Personal", false), service("V", "贵宾", "VIP", false));
        assertThat(SafeMoment.mustWait(d, BRANCH, Optional.of(Map.of("A", 5, "V", 5)))).isEmpty();
    }

    @Test
    void openTicketsUnknown_everyChangeWaits() {
        ConfigDocument d = doc(service("A", "个人业务", "Retail", false), service("B", "对公业务", "Business", false));
        assertThat(SafeMoment.mustWait(d, BRANCH, Optional.empty())).containsExactly("A");
    }
}
