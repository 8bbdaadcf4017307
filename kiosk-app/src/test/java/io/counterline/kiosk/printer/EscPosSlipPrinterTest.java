package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.HealthLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EscPosSlipPrinterTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final FakeEscPosPrinter fake = new FakeEscPosPrinter();
    private final EscPosSlipPrinter printer =
            new EscPosSlipPrinter(() -> fake.link(TIMEOUT), 32, true, "fake printer");

    @AfterEach
    void close() {
        printer.close();
    }

    @Test
    void print_chineseSlip_customerSeesWhatTheSlipSays() throws Exception {
        printer.print(Slips.chinese("A012"));

        EscPosReader printed = fake.printed();
        assertThat(printed.line("A012")).satisfies(number -> {
            assertThat(number.width()).isEqualTo(4);
            assertThat(number.height()).isEqualTo(4);
            assertThat(number.bold()).isTrue();
            assertThat(number.centred()).isTrue();
        });
        assertThat(printed.texts()).containsSubsequence(
                "中关村支行", "个人业务", "Personal Banking", "A012",
                "前面还有 5 人 / 5 ahead of you", "预计等候 15 分钟", "Estimated wait 15 min",
                "取号时间", "Issued 2026-11-22 14:05", "请留意叫号 Please wait");
        assertThat(printed.texts()).noneMatch(t -> t.contains("离线"));
        assertThat(printed.qrCodes()).containsExactly("T-20261122-A012");
        assertThat(printed.cuts()).isEqualTo(1);
    }

    @Test
    void print_qrCode_selectsModel2WithAByteInTheEscPosRange() throws Exception {
        printer.print(Slips.chinese("A012"));

        // GS ( k <fn 65> n1: 49 model 1, 50 model 2, 51 micro QR; escpos-coffee sends 48 or 49.
        assertThat(fake.printed().qrModel()).isEqualTo(50);
    }

    @Test
    void print_writeFailsButPrinterIsFine_failureCarriesTheStatusReadAfterIt() {
        fake.nextSlipFails = true;

        assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                .isInstanceOf(PrintException.class)
                .hasMessageContaining("slip A012 not printed or incomplete: write failed: device reset")
                .satisfies(e -> assertThat(((PrintException) e).status()).isEqualTo(PrinterStatus.READY));
    }

    @Test
    void print_offlineSlip_carriesTheOfflineMark() throws Exception {
        Slip slip = Slips.chinese("A013");
        printer.print(new Slip(slip.branchName(), slip.serviceNameZh(), slip.serviceNameEn(), slip.number(),
                0, 0, slip.issuedAt(), slip.ticketId(), true, List.of()));

        assertThat(fake.printed().line("离线取号 / Issued offline").bold()).isTrue();
    }

    @Test
    void print_maliciousConfigText_noControlByteReachesThePrinter() throws Exception {
        printer.print(new Slip("Branch\u001B@\u0007", "服务\u001D V\u0000", "Service\u001C&", "A1\u0010\u0004\u0002",
                0, 0, Slips.ISSUED, "T-1", false, List.of("Footer\u001BE\u0001¥5")));

        EscPosReader printed = fake.printed(); // fails on any control byte it does not expect
        assertThat(printed.texts()).contains("Branch@", "服务 V", "Service&", "A1", "FooterE￥5");
        assertThat(printed.initialisations()).isEqualTo(1);
        assertThat(printed.cuts()).isEqualTo(1);
        assertThat(printed.line("FooterE￥5").bold()).isFalse();
    }

    @Test
    void print_paperOut_refusedWithoutSendingTheSlip() {
        fake.paperOut = true;

        assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                .isInstanceOf(PrintException.class)
                .hasMessageContaining("slip A012 not printed: paper out")
                .satisfies(e -> assertThat(((PrintException) e).status().condition())
                        .isEqualTo(PrinterStatus.Condition.PAPER_OUT));
        assertThat(fake.printed().texts()).isEmpty();
        assertThat(fake.printed().cuts()).isZero();
        assertThat(printer.status().health().level()).isEqualTo(HealthLevel.OFFLINE);
    }

    @Test
    void print_coverOpen_refused() {
        fake.coverOpen = true;

        assertThatThrownBy(() -> printer.print(Slips.chinese("A012"))).hasMessageContaining("cover open");
        assertThat(fake.printed().cuts()).isZero();
    }

    @Test
    void print_paperEndsDuringTheSlip_reportedAsMaybeIncomplete() {
        fake.paperOutAtCut = true;

        assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                .hasMessageContaining("slip A012 may be incomplete: paper out");
        assertThat(fake.printed().cuts()).isEqualTo(1);
    }

    @Test
    void print_paperNearEnd_printsAndReportsDegraded() throws Exception {
        fake.paperNearEnd = true;

        printer.print(Slips.chinese("A012"));

        assertThat(fake.printed().cuts()).isEqualTo(1);
        assertThat(printer.status().health().level()).isEqualTo(HealthLevel.DEGRADED);
        assertThat(printer.status().health().reason()).isEqualTo("paper near end - change the roll soon");
    }

    @Test
    void status_printerSilent_noAnswerWithinTheTimeout() {
        fake.silent = true;

        long start = System.nanoTime();
        PrinterStatus status = printer.status();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(5));
        assertThat(status.condition()).isEqualTo(PrinterStatus.Condition.NO_ANSWER);
        assertThat(status.health().reason()).isEqualTo("printer does not answer - check power and cable");
    }

    @Test
    void print_unpluggedThenPluggedIn_failsClearlyThenPrints() throws Exception {
        fake.unplugged = true;
        assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                .isInstanceOf(PrintException.class)
                .hasMessageContaining("/dev/usb/lp0 does not exist");
        assertThat(printer.status().health().level()).isEqualTo(HealthLevel.OFFLINE);

        fake.unplugged = false;
        printer.print(Slips.chinese("A012"));

        assertThat(fake.printed().cuts()).isEqualTo(1);
        assertThat(printer.status()).isEqualTo(PrinterStatus.READY);
    }

    @Test
    void print_writeOnlyLink_noStatusRequestsAndStatusIsLastKnown() throws Exception {
        EscPosSlipPrinter oneWay = new EscPosSlipPrinter(() -> fake.link(TIMEOUT), 32, false, "one-way");
        fake.paperOut = true; // a one-way link cannot know

        oneWay.print(Slips.chinese("A012"));

        assertThat(new String(fake.received(), StandardCharsets.ISO_8859_1)).doesNotContain("\u0010\u0004"); // DLE EOT
        assertThat(oneWay.status()).isEqualTo(PrinterStatus.READY);
        fake.unplugged = true;
        assertThatThrownBy(() -> oneWay.print(Slips.chinese("A013"))).isInstanceOf(PrintException.class);
        assertThat(oneWay.status().condition()).isEqualTo(PrinterStatus.Condition.OFFLINE);
    }

    @Test
    void printTestPage_rulerFillsExactlyTheConfiguredColumns() throws Exception {
        printer.printTestPage();

        EscPosReader printed = fake.printed();
        assertThat(printed.texts()).contains("打印测试", "12345678901234567890123456789012");
        assertThat(printed.qrCodes()).containsExactly("COUNTERLINE-TEST");
        assertThat(printed.cuts()).isEqualTo(1);
    }
}
