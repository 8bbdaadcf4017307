package io.counterline.headoffice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
