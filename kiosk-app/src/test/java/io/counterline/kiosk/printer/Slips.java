package io.counterline.kiosk.printer;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Slips for tests. */
final class Slips {
    static final ZonedDateTime ISSUED = ZonedDateTime.of(2026, 11, 22, 14, 5, 30, 0, ZoneId.of("Asia/Shanghai"));

    private Slips() {
    }

    static Slip chinese(String number) {
        return new Slip("中关村支行", "个人业务", "Personal Banking", number, 5, 15, ISSUED,
                "T-20261122-" + number, false, List.of("请留意叫号 Please wait"));
    }
}
