package io.counterline.headoffice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.protocol.EventBatch;
import io.counterline.protocol.ConfigReport;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactCheckTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final MessageCodec codec = new MessageCodec();
    private final FactCheck check = new FactCheck(Clock.fixed(NOW, ZoneOffset.UTC));
    private final String key = UplinkRoutes.factsKey("b001");

    private byte[] fact(EventType type, Instant at, String device) {
        return fact(type, at, device, rating());
    }

    private byte[] fact(EventType type, Instant at, String device, ObjectNode body) {
        return codec.encode(new EventEnvelope(MessageCodec.VERSION, "id-1", 3, device, type, at, 7, body));
    }

    private ObjectNode rating() {
        ObjectNode body = codec.emptyBody();
        body.put("ticket", "t-1").put("counter", "c1").put("level", "satisfied").put("at", NOW.toString());
        return body;
    }

    private String refusal(String routingKey, byte[] payload) {
        FactCheck.Outcome o = check.check(routingKey, payload);
        assertThat(o).isInstanceOf(FactCheck.Refused.class);
        return ((FactCheck.Refused) o).reason();
    }

    @Test
    void branchFactOnItsBranchKey_acceptedWithTheBranchOfTheKey() {
        FactCheck.Outcome o = check.check(key, fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK));
        assertThat(o).isInstanceOf(FactCheck.Accepted.class);
        Fact f = ((FactCheck.Accepted) o).fact();
        assertThat(f.branch()).isEqualTo("b001");
        assertThat(f.envelope().seq()).isEqualTo(3);
        assertThat(f.envelope().boot()).isEqualTo(7);
    }

    @Test
    void badInput_refusedWithAReasonNamingIt() {
        assertThat(refusal(key, "{not json".getBytes(StandardCharsets.UTF_8))).contains("malformed");
        assertThat(refusal(key, new byte[20_000])).contains("malformed");
        assertThat(refusal(key, fact(EventType.SLIP_PRINTED, NOW, Topics.UPLINK))).contains("not a branch fact");
        assertThat(refusal(key, fact(EventType.BRANCH_CALL, NOW, "kiosk-1"))).contains("malformed");
        assertThat(refusal(key, fact(EventType.BRANCH_CALL, NOW.plus(Duration.ofDays(3)), Topics.UPLINK)))
                .contains("out of range");
        assertThat(refusal(key, fact(EventType.BRANCH_CALL, Instant.parse("2019-12-31T23:59:59Z"), Topics.UPLINK)))
                .contains("out of range");
        assertThat(refusal("cl.v1.b001.dev.kiosk-1.evt", fact(EventType.BRANCH_CALL, NOW, Topics.UPLINK)))
                .contains("not an uplink routing key");
        assertThat(refusal(null, fact(EventType.BRANCH_CALL, NOW, Topics.UPLINK))).contains("not an uplink");
    }

    @Test
    void bodyWithoutTheFieldsReportsNeedOrUnbounded_refused() {
        assertThat(refusal(key, fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK, codec.emptyBody())))
                .contains("needs text field 'ticket'");
        ObjectNode numberTicket = rating();
        numberTicket.put("ticket", 42);
        assertThat(refusal(key, fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK, numberTicket)))
                .contains("'ticket'");
        ObjectNode longText = rating();
        longText.put("teller", "x".repeat(501));
        assertThat(refusal(key, fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK, longText))).contains("limit 500");
        ObjectNode deep = rating();
        deep.putObject("a").putObject("b").putObject("c").putObject("d").put("e", 1);
        assertThat(refusal(key, fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK, deep))).contains("nested");
        ObjectNode nul = rating();
        nul.put("teller", "t\u00001");
        assertThat(refusal(key, fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK, nul))).contains("NUL");
    }

    @Test
    void readableButRefusedFact_carriesItsEnvelopeSoItsBranchIsAcknowledged() {
        FactCheck.Outcome o = check.check(key, fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK, codec.emptyBody()));
        assertThat(((FactCheck.Refused) o).fact()).hasValueSatisfying(f -> {
            assertThat(f.branch()).isEqualTo("b001");
            assertThat(f.envelope().seq()).isEqualTo(3);
        });
        assertThat(((FactCheck.Refused) check.check(key, "[]".getBytes(StandardCharsets.UTF_8))).fact()).isEmpty();
        byte[] controlId = codec.encode(new EventEnvelope(MessageCodec.VERSION, "id\u0007", 3, Topics.UPLINK,
                EventType.BRANCH_RATING, NOW, 7, rating()));
        assertThat(refusal(key, controlId)).contains("control character");
    }

    @Test
    void batch_eachFactCheckedOnItsOwn_aBadFactRefusedAloneWithItsEnvelope() {
        byte[] good = fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK);
        byte[] noFields = fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK, codec.emptyBody());
        byte[] deviceEvent = fact(EventType.SLIP_PRINTED, NOW, Topics.UPLINK);
        byte[] otherDevice = fact(EventType.BRANCH_CALL, NOW, "kiosk-1");
        List<FactCheck.Outcome> out = check.checkMessage(key,
                EventBatch.payload(Topics.UPLINK, List.of(good, noFields, deviceEvent, otherDevice, good)));
        assertThat(out).hasSize(5);
        assertThat(out.get(0)).isInstanceOf(FactCheck.Accepted.class);
        assertThat(((FactCheck.Refused) out.get(1)).reason()).contains("needs text field 'ticket'");
        assertThat(((FactCheck.Refused) out.get(1)).fact()).isPresent();
        assertThat(((FactCheck.Refused) out.get(2)).reason()).contains("not a branch fact");
        assertThat(((FactCheck.Refused) out.get(3)).reason()).contains("malformed");
        assertThat(((FactCheck.Accepted) out.get(4)).fact().branch()).isEqualTo("b001");
    }

    @Test
    void malformedBatchEnvelope_refusedWholeWithoutAFact() {
        byte[] good = fact(EventType.BRANCH_RATING, NOW, Topics.UPLINK);
        byte[] kioskBatch = EventBatch.payload("kiosk-1", List.of(good));
        assertThat(check.checkMessage(key, kioskBatch)).singleElement()
                .satisfies(o -> assertThat(((FactCheck.Refused) o).reason()).contains("malformed"));
        byte[] empty = "{\"v\":1,\"device\":\"uplink\",\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(check.checkMessage(key, empty)).singleElement()
                .satisfies(o -> assertThat(((FactCheck.Refused) o).fact()).isEmpty());
        assertThat(check.checkMessage("cl.v1.b001.dev.kiosk-1.evt", EventBatch.payload(Topics.UPLINK, List.of(good))))
                .singleElement().satisfies(o -> assertThat(((FactCheck.Refused) o).reason()).contains("not an uplink"));
    }

    private ObjectNode workOrder() {
        ObjectNode b = codec.emptyBody();
        b.put("order", "3").put("step", "7").put("action", "answer").put("at", NOW.toString())
                .put("category", "complaint").put("channel", "counter").put("priority", "normal").put("state", "answered")
                .put("deadline", NOW.plus(Duration.ofDays(2)).toString()).put("round", 1).put("assigned", true)
                .put("createdAt", NOW.minus(Duration.ofHours(3)).toString());
        return b;
    }

    private ObjectNode healthDay() {
        return io.counterline.server.uplink.DeviceHealthDay.of("kiosk-1", java.time.LocalDate.parse("2026-12-04"),
                Instant.parse("2026-12-03T16:00:00Z"), Instant.parse("2026-12-04T16:00:00Z"),
                java.util.Optional.of(new io.counterline.server.uplink.DeviceHealthDay.Report(
                        Instant.parse("2026-12-01T08:00:00Z"), io.counterline.protocol.HealthLevel.OK)),
                java.util.List.of()).orElseThrow().body();
    }

    @Test
    void supervisionAndHealthSummaryFacts_acceptedWithTheirFields_refusedOutOfBounds() {
        ObjectNode inspection = codec.emptyBody();
        inspection.put("inspection", "5").put("at", NOW.toString()).put("day", "2026-12-05").put("items", 12)
                .put("failed", 1).putArray("rectifications").add("9");
        ObjectNode correction = codec.emptyBody();
        correction.put("note", "2").put("at", NOW.toString()).put("day", "2026-12-05").put("procedure", "双人复核");
        assertThat(check.check(key, fact(EventType.BRANCH_WORK_ORDER, NOW, Topics.UPLINK, workOrder())))
                .isInstanceOf(FactCheck.Accepted.class);
        assertThat(check.check(key, fact(EventType.BRANCH_INSPECTION, NOW, Topics.UPLINK, inspection)))
                .isInstanceOf(FactCheck.Accepted.class);
        assertThat(check.check(key, fact(EventType.BRANCH_CORRECTION, NOW, Topics.UPLINK, correction)))
                .isInstanceOf(FactCheck.Accepted.class);
        assertThat(check.check(key, fact(EventType.BRANCH_DEVICE_HEALTH_DAY, NOW, Topics.UPLINK, healthDay())))
                .isInstanceOf(FactCheck.Accepted.class);

        assertThat(refusal(key, fact(EventType.BRANCH_WORK_ORDER, NOW, Topics.UPLINK, workOrder().put("state", "lost"))))
                .contains("unknown 'state'");
        ObjectNode noDeadline = workOrder();
        noDeadline.remove("deadline");
        assertThat(refusal(key, fact(EventType.BRANCH_WORK_ORDER, NOW, Topics.UPLINK, noDeadline)))
                .contains("'deadline'");
        assertThat(refusal(key, fact(EventType.BRANCH_WORK_ORDER, NOW, Topics.UPLINK, workOrder().put("round", 0))))
                .contains("'round'");
        assertThat(refusal(key, fact(EventType.BRANCH_WORK_ORDER, NOW, Topics.UPLINK, workOrder().put("round", "1"))))
                .contains("'round'");
        assertThat(refusal(key, fact(EventType.BRANCH_INSPECTION, NOW, Topics.UPLINK, inspection.put("items", 51))))
                .contains("'items'");
        assertThat(refusal(key, fact(EventType.BRANCH_DEVICE_HEALTH_DAY, NOW, Topics.UPLINK,
                healthDay().put("okSeconds", 90_001)))).contains("'okSeconds'");
        assertThat(refusal(key, fact(EventType.BRANCH_DEVICE_HEALTH_DAY, NOW, Topics.UPLINK,
                healthDay().put("worst", "<b>")))).contains("unknown 'worst'");
    }

    @Test
    void configurationReport_acceptedFromItsBranch_refusedForAnotherOrUnreadable() {
        ConfigReport report = new ConfigReport("b001", 2, 3, List.of("A"), 0, "");
        assertThat(check.check(key, fact(EventType.BRANCH_CONFIG, NOW, Topics.UPLINK, report.toBody())))
                .isInstanceOf(FactCheck.Accepted.class);
        ConfigReport other = new ConfigReport("b002", 2, 0, List.of(), 0, "");
        assertThat(refusal(key, fact(EventType.BRANCH_CONFIG, NOW, Topics.UPLINK, other.toBody())))
                .contains("another branch b002");
        ObjectNode negative = report.toBody();
        negative.put("running", -1);
        assertThat(refusal(key, fact(EventType.BRANCH_CONFIG, NOW, Topics.UPLINK, negative))).contains("running");
        assertThat(refusal(key, fact(EventType.BRANCH_CONFIG, NOW, Topics.UPLINK, codec.emptyBody())))
                .contains("needs text field 'branch'");
    }
}
