package io.counterline.hall.signage;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageSchedule.Item;
import io.counterline.protocol.SignageSchedule.Playlist;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulePlanTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<Item> ITEMS = List.of(new Item("notice", null, 0, "通知", "Notice"));
    private static final Playlist DEFAULT = new Playlist("default", 0, List.of(), List.of(), null, null, null, null, 8, ITEMS);
    private static final Playlist LUNCH = new Playlist("lunch", 5, List.of(), List.of("MON", "TUE", "WED", "THU", "FRI"),
            null, null, "12:00", "13:30", 8, ITEMS);
    private static final Playlist PROMO = new Playlist("promo", 7, List.of("hall-2"), List.of(), "2026-12-01", "2026-12-31",
            null, null, 8, ITEMS);
    private static final Playlist HOLIDAY = new Playlist("holiday", 9, List.of(), List.of(), "2027-01-01", "2027-01-01",
            null, null, 8, ITEMS);
    private static final SignageSchedule SCHEDULE = new SignageSchedule(3, "http://127.0.0.1:8080/media/", "Asia/Shanghai",
            List.of(DEFAULT, LUNCH, PROMO, HOLIDAY), null);

    private static Optional<String> at(String device, String local) {
        return SchedulePlan.choose(SCHEDULE, device, ZonedDateTime.of(java.time.LocalDateTime.parse(local), ZONE))
                .map(Playlist::id);
    }

    @Test
    void theHighestPriorityActivePlaylistForTheDisplayWins() {
        assertThat(at("hall-1", "2026-12-07T11:59")).contains("default");          // Monday before the window
        assertThat(at("hall-1", "2026-12-07T12:00")).contains("lunch");            // window start included
        assertThat(at("hall-1", "2026-12-07T13:30")).contains("default");          // window end excluded
        assertThat(at("hall-1", "2026-12-05T12:30")).contains("default");          // Saturday: not a lunch weekday
        assertThat(at("hall-2", "2026-12-07T12:30")).contains("promo");            // targeted, higher priority
        assertThat(at("hall-2", "2027-01-02T12:30")).contains("default");          // after its date range
        assertThat(at("hall-1", "2027-01-01T09:00")).contains("holiday");          // one day range
    }

    @Test
    void nothingApplies_nothingChosen() {
        SignageSchedule onlyLunch = new SignageSchedule(1, "http://127.0.0.1:8080/media/", "Asia/Shanghai", List.of(LUNCH), null);
        assertThat(SchedulePlan.choose(onlyLunch, "hall-1", ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, ZONE))).isEmpty();
    }
}
