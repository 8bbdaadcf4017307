package io.counterline.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {
    private static final MessageCodec codec = new MessageCodec();
    private static final Instant AT = Instant.parse("2026-11-22T02:30:00.123Z");

    static ObjectNode body(String key, String value) {
        return codec.emptyBody().put(key, value);
    }

    static Stream<Object> everyMessage() {
        TicketRef ticket = new TicketRef("t-20261122-A012", "A012", "A", AT);
        TellerRef teller = new TellerRef("t07", "王芳", "E1007");
        return Stream.of(
                new EventEnvelope(1, "7f1c", 42, "kiosk-1", EventType.SLIP_PRINTED, AT, 1763778600000L,
                        body("ticketId", "t-20261122-A012")),
                Ack.of("kiosk-1", 1763778600000L, List.of(41L, 42L)),
                Request.of("r-1", Operation.TICKET_ISSUE, body("service", "A")),
                Response.ok("r-1", body("number", "A012")),
                Response.failed("r-2", new ErrorInfo("NO_TICKET_WAITING", "Nobody is waiting", "当前无人等候")),
                new Command(1, "c-1", "pad-3", CommandType.RATING_ARM, AT, body("ticketId", "t-1")),
                new DeviceStatus(1, "kiosk-1", DeviceRole.KIOSK, true, Health.degraded("printer: paper low"), "0.1.0", AT),
                new DeviceStatus(1, "kiosk-1", DeviceRole.KIOSK, true, Health.OK, "0.1.0", AT, -412L,
                        new DeviceStatus.Vitals(86_400L, 5_120L, 48.3)),
                new DeviceStatus(1, "pad-1", DeviceRole.RATING_PAD, true, Health.OK, "0.1.0", AT, null,
                        new DeviceStatus.Vitals(12L, 0L, null)),
                new ServicesState(1, AT, "2026-11-22", List.of(
                        new ServicesState.Service("A", "A", "个人业务", "Personal", true, "09:00-17:00", 5, 600))),
                new CounterState(1, "c3", "3号窗口", "Counter 3", CounterStatus.SERVING, ticket, teller, null, AT),
                new CallsState(1, AT, List.of(new CallsState.Call("k-1", ticket.id(), "A012", "c3", "3号窗口",
                        "Counter 3", 0, AT))),
                new DayState(1, "b001", "城东支行", "2026-11-22", "Asia/Shanghai", AT),
                new SignageState(1, List.of("欢迎光临"), List.of("promo.png"), 8),
                new Bodies.None(),
                new Bodies.IssueTicket("A"),
                new Bodies.IssuedTicket(ticket, "个人业务", "Personal", "城东支行", 5, 900),
                new Bodies.SignIn("t07", "2580"),
                new Bodies.CallTicket("A012"),
                new Bodies.Transfer("B", null),
                new Bodies.Transfer(null, "c2"),
                new Bodies.Pause("午休"),
                new Bodies.CounterReply(new CounterState(1, "c3", "3号窗口", "Counter 3", CounterStatus.IDLE, null,
                        teller, null, AT), new Bodies.TellerDay(12, 240, java.util.Map.of(RatingLevel.SATISFIED, 3,
                        RatingLevel.VERY_SATISFIED, 5))),
                new Bodies.LeaseBlock("A", 50),
                new Bodies.BlockLease("A", "A", "2026-11-22", 500, 549),
                new Bodies.SlipOutcome(ticket.id(), "A012", "paper out"),
                new Bodies.OfflineTicket("b001-20261122-A500", "A", "A500", 500, "2026-11-22", AT),
                new Bodies.RatingArm("arm-1", ticket, teller, "c3", AT),
                new Bodies.RatingArm("arm-2", ticket, teller, "c3", AT, 60_000L, new Bodies.TellerPhoto(
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "http://192.168.1.10:8080/teller-photos/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
                new Bodies.RatingGiven("arm-1", ticket.id(), "c3", "t07", RatingLevel.DISSATISFIED),
                new Bodies.ManualCall("c3", "A012"),
                new Bodies.HealthChanged(Health.degraded("printer: paper low")),
                segment("t07"),
                segment(null),
                new Bodies.RecordingLive(true, 10_000L),
                new Bodies.NewOrder("complaint", "<b>等候太久</b>", "138-0000-0000"),
                new Bodies.NewOrder("consultation", "开户材料", null),
                new Bodies.NewOrder("complaint", "", null, "3f1c2a9e-5b7d-4c8e-9a0f-1b2c3d4e5f60"),
                new Bodies.OrderCreated(12, "complaint", AT, "A012"),
                new Bodies.OrderCreated(13, "praise", AT, null),
                new Bodies.SupervisionNotice(12, "notice", "complaint", AT, 4));
    }

    static final String RECORDING = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    static final String SEGMENT = "6fa459ea-ee8a-3ca4-894e-db77e160355e";
    static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static Bodies.RecordingSegment segment(String teller) {
        return new Bodies.RecordingSegment(RECORDING, SEGMENT, 3, false, "b001-20261122-A012", "c3", teller,
                AT.toEpochMilli(), 60_000L, 1_920_044L, SHA, Bodies.RecordingSegment.FORMAT);
    }

    @Test
    void recordingSegment_outOfBounds_isRejectedNamingTheField() {
        ObjectNode good = codec.toBody(segment("t07"));
        assertThat(codec.decodeBody(good, Bodies.RecordingSegment.class).isAccepted()).isTrue();
        Object[][] bad = {
                {"recordingId", "1B4E28BA-2FA1-11D2-883F-0016D3CCA427"}, {"segmentId", "../../etc/passwd"},
                {"index", 10_000}, {"index", -1}, {"durationMs", 0L}, {"durationMs", 600_001L},
                {"bytes", 0L}, {"bytes", 64L * 1024 * 1024 + 1}, {"sha256", SHA.toUpperCase()},
                {"sha256", SHA.substring(1)}, {"format", "mp3"}, {"startedAt", 0L}, {"counterId", "c 3"},
                {"tellerId", ""}, {"ticketId", "x".repeat(65)}};
        for (Object[] field : bad) {
            ObjectNode body = good.deepCopy();
            if (field[1] instanceof String text) {
                body.put((String) field[0], text);
            } else if (field[1] instanceof Integer n) {
                body.put((String) field[0], n);
            } else {
                body.put((String) field[0], (Long) field[1]);
            }
            Decoded<Bodies.RecordingSegment> d = codec.decodeBody(body, Bodies.RecordingSegment.class);
            assertThat(d.isAccepted()).as(field[0] + "=" + field[1]).isFalse();
            assertThat(((Decoded.Rejected<?>) d).rejection().toString()).as(field[0] + "=" + field[1])
                    .contains((String) field[0]);
        }
        for (String required : List.of("index", "last", "startedAt", "durationMs", "bytes", "sha256", "format")) {
            ObjectNode body = good.deepCopy();
            body.remove(required);
            assertThat(codec.decodeBody(body, Bodies.RecordingSegment.class).isAccepted()).as(required).isFalse();
        }
        ObjectNode stringLast = good.deepCopy().put("last", "true");
        assertThat(codec.decodeBody(stringLast, Bodies.RecordingSegment.class).isAccepted()).isFalse();
    }

    @Test
    void recordingLive_ttlOutsideOneToSixtySeconds_isRejected() {
        assertThat(codec.decodeBody(codec.emptyBody().put("on", true).put("ttlMs", 999),
                Bodies.RecordingLive.class).isAccepted()).isFalse();
        assertThat(codec.decodeBody(codec.emptyBody().put("on", true).put("ttlMs", 60_001),
                Bodies.RecordingLive.class).isAccepted()).isFalse();
        assertThat(codec.decodeBody(codec.emptyBody().put("ttlMs", 5_000),
                Bodies.RecordingLive.class).isAccepted()).isFalse();
        assertThat(codec.decodeBody(codec.emptyBody().put("on", false).put("ttlMs", 1_000),
                Bodies.RecordingLive.class).isAccepted()).isTrue();
    }

    @Test
    void tellerPhoto_withABadChecksumOrAddress_isRejected() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(codec.decodeBody(codec.emptyBody().put("sha256", sha).put("url", "http://h/teller-photos/" + sha),
                Bodies.TellerPhoto.class).isAccepted()).isTrue();
        assertThat(codec.decodeBody(codec.emptyBody().put("sha256", "../../etc/passwd").put("url", "http://h/x"),
                Bodies.TellerPhoto.class).isAccepted()).isFalse();
        assertThat(codec.decodeBody(codec.emptyBody().put("sha256", sha).put("url", "file:///etc/passwd"),
                Bodies.TellerPhoto.class).isAccepted()).isFalse();
    }

    @Test
    void newOrder_boundedWhereItEnters() {
        String longest = "长".repeat(Bodies.NewOrder.MAX_ORDER_TEXT);
        assertThat(codec.decodeBody(codec.emptyBody().put("category", "complaint").put("description", longest),
                Bodies.NewOrder.class).isAccepted()).isTrue();
        String note = "3f1c2a9e-5b7d-4c8e-9a0f-1b2c3d4e5f60";
        assertThat(codec.decodeBody(codec.emptyBody().put("category", "complaint").put("description", "")
                .put("voiceNote", note), Bodies.NewOrder.class).isAccepted()).as("a voice note alone").isTrue();
        for (var bad : List.of(codec.emptyBody().put("category", "complaint").put("description", ""),
                codec.emptyBody().put("category", "complaint").put("description", "").put("voiceNote", "../x"),
                codec.emptyBody().put("category", "complaint").put("description", longest + "长").put("voiceNote", note),
codec.emptyBody().put("category", "complaint").put("description", longest + "长"),
                codec.emptyBody().put("category", "complaint").put("description", " "),
                codec.emptyBody().put("category", "a/b").put("description", "x"),
                codec.emptyBody().put("category", "complaint").put("description", "x").put("contact",
                        "1".repeat(Bodies.NewOrder.MAX_ORDER_CONTACT + 1)))) {
            assertThat(codec.decodeBody(bad, Bodies.NewOrder.class).isAccepted()).as(bad.toString()).isFalse();
        }
    }

    @Test
    void transfer_bothOrNeitherTarget_isRejected() {
        assertThat(codec.decodeBody(codec.emptyBody(), Bodies.Transfer.class).isAccepted()).isFalse();
        assertThat(codec.decodeBody(codec.emptyBody().put("toService", "A").put("toCounter", "c1"),
                Bodies.Transfer.class).isAccepted()).isFalse();
    }

    @Test
    void ratingLevel_travelsByWireName() {
        String json = new String(codec.encode(new Bodies.RatingGiven("a", "t", "c3", "t07", RatingLevel.VERY_SATISFIED)),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"level\":\"very-satisfied\"");
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void roundTrip_everyMessage_comesBackEqual(Object message) {
        byte[] bytes = codec.encode(message);
        Decoded<?> back = codec.decode(bytes, message.getClass());
        assertThat(back.orThrow()).isEqualTo(message);
    }

    @Test
    void encode_instants_areIsoText() {
        String json = new String(codec.encode(new DayState(1, "b001", "x", "2026-11-22", "UTC", AT)),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"startedAt\":\"2026-11-22T02:30:00.123Z\"");
    }

    private static Rejection rejection(String json, Class<?> type) {
        Decoded<?> d = codec.decode(json.getBytes(StandardCharsets.UTF_8), type);
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected<?>) d).rejection();
    }

    private static final String EVENT = """
            {"v":1,"id":"e1","seq":3,"device":"kiosk-1","type":"slip.printed","at":"2026-11-22T02:30:00Z",
             "boot":5,"body":{}}""";

    @Test
    void decode_validEvent_isAccepted() {
        EventEnvelope e = (EventEnvelope) codec.decode(EVENT.getBytes(StandardCharsets.UTF_8), EventEnvelope.class,
                "kiosk-1").orThrow();
        assertThat(e.seq()).isEqualTo(3);
        assertThat(e.type()).isEqualTo(EventType.SLIP_PRINTED);
    }

    @Test
    void decode_unknownVersion_isRejected() {
        assertThat(rejection(EVENT.replace("\"v\":1", "\"v\":2"), EventEnvelope.class).reason())
                .isEqualTo(Rejection.Reason.UNKNOWN_VERSION);
    }

    @Test
    void decode_missingVersion_isRejectedAsMissing() {
        assertThat(rejection(EVENT.replace("\"v\":1,", ""), EventEnvelope.class).reason())
                .isEqualTo(Rejection.Reason.MISSING_FIELD);
    }

    @Test
    void decode_missingTextField_isRejectedNamingIt() {
        Rejection r = rejection(EVENT.replace("\"id\":\"e1\",", ""), EventEnvelope.class);
        assertThat(r.reason()).isEqualTo(Rejection.Reason.MISSING_FIELD);
        assertThat(r.detail()).contains("id");
    }

    @Test
    void decode_missingNumberField_isRejectedNamingIt() {
        Rejection r = rejection(EVENT.replace("\"seq\":3,", ""), EventEnvelope.class);
        assertThat(r.reason()).isEqualTo(Rejection.Reason.MISSING_FIELD);
        assertThat(r.detail()).contains("seq");
    }

    @Test
    void decode_badEnum_isRejected() {
        Rejection r = rejection(EVENT.replace("slip.printed", "slip.eaten"), EventEnvelope.class);
        assertThat(r.reason()).isEqualTo(Rejection.Reason.BAD_ENUM);
        assertThat(r.detail()).contains("slip.eaten");
    }

    @Test
    void decode_enumAsNumber_isRejected() {
        assertThat(rejection(EVENT.replace("\"slip.printed\"", "0"), EventEnvelope.class).reason())
                .isIn(Rejection.Reason.BAD_ENUM, Rejection.Reason.INVALID_FIELD);
    }

    @Test
    void decode_overLimit_isRejectedBeforeParsing() {
        byte[] big = new byte[MessageCodec.MAX_PAYLOAD_BYTES + 1];
        Decoded<EventEnvelope> d = codec.decode(big, EventEnvelope.class);
        assertThat(((Decoded.Rejected<EventEnvelope>) d).rejection().reason()).isEqualTo(Rejection.Reason.TOO_LARGE);
    }

    @Test
    void encode_overLimit_throws() {
        SignageState huge = new SignageState(1, List.of("x".repeat(MessageCodec.MAX_PAYLOAD_BYTES)), List.of(), 5);
        assertThatThrownBy(() -> codec.encode(huge)).hasMessageContaining("over the contract's");
    }

    @Test
    void decode_deviceOtherThanTopic_isRejected() {
        Decoded<EventEnvelope> d = codec.decode(EVENT.getBytes(StandardCharsets.UTF_8), EventEnvelope.class, "kiosk-2");
        Rejection r = ((Decoded.Rejected<EventEnvelope>) d).rejection();
        assertThat(r.reason()).isEqualTo(Rejection.Reason.DEVICE_MISMATCH);
        assertThat(r.detail()).contains("kiosk-1").contains("kiosk-2");
    }

    @Test
    void decode_notJson_isRejected() {
        assertThat(rejection("{not json", EventEnvelope.class).reason()).isEqualTo(Rejection.Reason.NOT_JSON);
        assertThat(rejection("", EventEnvelope.class).reason()).isIn(Rejection.Reason.NOT_JSON,
                Rejection.Reason.MISSING_FIELD);
        assertThat(rejection("null", EventEnvelope.class).reason()).isEqualTo(Rejection.Reason.NOT_JSON);
    }

    @Test
    void decode_wrongType_isRejectedAsWrongType() {
        assertThat(rejection(EVENT.replace("\"seq\":3", "\"seq\":\"three\""), EventEnvelope.class).reason())
                .isEqualTo(Rejection.Reason.WRONG_TYPE);
        assertThat(rejection(EVENT.replace("\"body\":{}", "\"body\":[1]"), EventEnvelope.class).reason())
                .isEqualTo(Rejection.Reason.WRONG_TYPE);
    }

    /** docs/protocol.md: numbers are JSON numbers, integers have no fraction, text is JSON text, instants ISO text. */
    static Stream<String> eventsOfTheWrongJsonType() {
        return Stream.of(
                EVENT.replace("\"v\":1", "\"v\":\"1\""),                      // version as text
                EVENT.replace("\"v\":1", "\"v\":1.0"),                          // version with a fraction
                EVENT.replace("\"id\":\"e1\"", "\"id\":123"),                   // id as a number
                EVENT.replace("\"device\":\"kiosk-1\"", "\"device\":7"),         // device as a number
                EVENT.replace("\"seq\":3", "\"seq\":3.5"),                        // fractional sequence
                EVENT.replace("\"seq\":3", "\"seq\":3.0"),                        // an integer is written without fraction
                EVENT.replace("\"seq\":3", "\"seq\":\"3\""),                      // sequence as text
                EVENT.replace("\"boot\":5", "\"boot\":5e0"),                      // exponent form
                EVENT.replace("\"at\":\"2026-11-22T02:30:00Z\"", "\"at\":1763778600"),      // time as seconds
                EVENT.replace("\"at\":\"2026-11-22T02:30:00Z\"", "\"at\":1763778600.5"),    // time as a fraction
                EVENT.replace("\"type\":\"slip.printed\"", "\"type\":true"));     // enum as a boolean
    }

    @ParameterizedTest
    @MethodSource("eventsOfTheWrongJsonType")
    void decode_fieldOfTheWrongJsonType_isRejectedAsWrongType(String json) {
        assertThat(rejection(json, EventEnvelope.class).reason()).isIn(Rejection.Reason.WRONG_TYPE,
                Rejection.Reason.BAD_ENUM);
    }

    @Test
    void decode_statusVitalsOutOfBounds_areRejectedAsInvalidField() {
        String status = new String(codec.encode(new DeviceStatus(1, "kiosk-1", DeviceRole.KIOSK, true, Health.OK,
                "0.1.0", AT, null, new DeviceStatus.Vitals(100L, 200L, 40.5))), StandardCharsets.UTF_8);
        assertThat(status).contains("\"vitals\":{\"uptimeS\":100,\"diskFreeMb\":200,\"cpuTempC\":40.5}");
        for (String bad : List.of("\"uptimeS\":-1", "\"uptimeS\":999999999999", "\"diskFreeMb\":-5",
                "\"diskFreeMb\":9999999999999", "\"cpuTempC\":151.0", "\"cpuTempC\":-61")) {
            String field = bad.substring(0, bad.indexOf(':'));
            String json = status.replaceFirst(java.util.regex.Pattern.quote(field) + ":[-0-9.]+", bad);
            assertThat(json).as(bad).contains(bad);
            assertThat(rejection(json, DeviceStatus.class).reason()).as(bad).isEqualTo(Rejection.Reason.INVALID_FIELD);
        }
        assertThat(codec.decode(status.replace(",\"vitals\":{\"uptimeS\":100,\"diskFreeMb\":200,\"cpuTempC\":40.5}",
                "").getBytes(StandardCharsets.UTF_8), DeviceStatus.class)).as("a status of an earlier build")
                .isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void decode_booleanAsTextOrNumber_isRejectedAsWrongType() {
        String status = new String(codec.encode(new DeviceStatus(1, "kiosk-1", DeviceRole.KIOSK, true, Health.OK,
                "0.1.0", AT)), StandardCharsets.UTF_8);
        assertThat(rejection(status.replace("\"online\":true", "\"online\":\"true\""), DeviceStatus.class).reason())
                .isEqualTo(Rejection.Reason.WRONG_TYPE);
        assertThat(rejection(status.replace("\"online\":true", "\"online\":1"), DeviceStatus.class).reason())
                .isEqualTo(Rejection.Reason.WRONG_TYPE);
    }

    @Test
    void decodeBody_numbersAndTimesOfTheWrongJsonType_areRejectedAsWrongType() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String args : List.of("{\"service\":\"A\",\"size\":\"20\"}", "{\"service\":\"A\",\"size\":20.5}",
                "{\"service\":1,\"size\":20}")) {
            Decoded<Bodies.LeaseBlock> d = codec.decodeBody(plain.readTree(args), Bodies.LeaseBlock.class);
            assertThat(d).as(args).isInstanceOf(Decoded.Rejected.class);
            assertThat(((Decoded.Rejected<?>) d).rejection().reason()).as(args).isEqualTo(Rejection.Reason.WRONG_TYPE);
        }
        Decoded<Bodies.OfflineTicket> d = codec.decodeBody(plain.readTree("""
                {"ticketId":"b001-20261122-A501","service":"A","number":"A501","sequence":501,
                 "businessDay":"2026-11-22","issuedAt":1763778600000}"""), Bodies.OfflineTicket.class);
        assertThat(((Decoded.Rejected<?>) d).rejection().reason()).isEqualTo(Rejection.Reason.WRONG_TYPE);
    }

    /** Byte sequences that no UTF-8 encoder writes (RFC 3629 §3), inside an otherwise valid event. */
    static Stream<byte[]> invalidUtf8() {
        return Stream.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF},               // overlong "/"
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},  // a UTF-16 surrogate, encoded
                new byte[] {(byte) 0xE4, (byte) 0xB8},               // truncated three-byte form
                new byte[] {(byte) 0x80},                            // a lone continuation byte
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // five-byte form
                new byte[] {(byte) 0xFF});
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void decode_invalidUtf8InAString_isRejectedAsNotUtf8(byte[] bad) {
        byte[] json = EVENT.replace("\"id\":\"e1\"", "\"id\":\"e1#\"").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte b : json) {
            if (b == '#') {
                out.writeBytes(bad);
            } else {
                out.write(b);
            }
        }
        Decoded<EventEnvelope> d = codec.decode(out.toByteArray(), EventEnvelope.class);
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected<?>) d).rejection().reason()).isEqualTo(Rejection.Reason.NOT_UTF8);
    }

    @Test
    void decode_duplicateKeyOrTrailingContent_isRejectedAsNotJson() {
        assertThat(rejection(EVENT.replace("\"seq\":3", "\"seq\":3,\"seq\":4"), EventEnvelope.class).reason())
                .isEqualTo(Rejection.Reason.NOT_JSON);
        assertThat(rejection(EVENT + " {\"v\":1}", EventEnvelope.class).reason()).isEqualTo(Rejection.Reason.NOT_JSON);
    }

    @Test
    void decode_chineseText_isAccepted() {
        assertThat(codec.decode(EVENT.replace("\"id\":\"e1\"", "\"id\":\"票号一\"").getBytes(StandardCharsets.UTF_8),
                EventEnvelope.class).isAccepted()).isTrue();
    }

    @Test
    void decode_deviceIdWithWildcard_isRejected() {
        assertThat(rejection(EVENT.replace("kiosk-1", "kiosk/+"), EventEnvelope.class).reason())
                .isEqualTo(Rejection.Reason.INVALID_FIELD);
    }

    @Test
    void decode_failedResponseWithoutError_isRejected() {
        assertThat(rejection("{\"v\":1,\"id\":\"r\",\"ok\":false}", Response.class).reason())
                .isEqualTo(Rejection.Reason.MISSING_FIELD);
    }

    @Test
    void decode_unknownExtraField_isIgnoredForForwardCompatibility() {
        assertThat(codec.decode(EVENT.replace("\"boot\":5", "\"boot\":5,\"later\":true")
                .getBytes(StandardCharsets.UTF_8), EventEnvelope.class).isAccepted()).isTrue();
    }

    @Test
    void decode_deeplyNestedBody_isRejectedNotCrashing() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(rejection(EVENT.replace("\"body\":{}", "\"body\":{\"x\":" + deep + "}"), EventEnvelope.class))
                .isNotNull();
    }

    private static Decoded<List<Decoded<EventEnvelope>>> events(String json) {
        return codec.decodeEvents(json.getBytes(StandardCharsets.UTF_8), "kiosk-1");
    }

    @Test
    void decodeEvents_singleEnvelope_oneEvent_aBadOneRejectedWhole() {
        assertThat(events(EVENT).orThrow()).singleElement().satisfies(e -> assertThat(e.orThrow().seq()).isEqualTo(3));
        assertThat(events(EVENT.replace("\"seq\":3", "\"seq\":0"))).isInstanceOf(Decoded.Rejected.class);
        assertThat(codec.decodeEvents(EVENT.getBytes(StandardCharsets.UTF_8), "kiosk-2"))
                .isInstanceOf(Decoded.Rejected.class);
    }

    @Test
    void decodeEvents_batch_eachEventCheckedOnItsOwn_aBadOneNeverRejectsTheOthers() {
        String other = EVENT.replace("\"seq\":3", "\"seq\":4");
        String wrongDevice = EVENT.replace("kiosk-1", "kiosk-2");
        byte[] batch = EventBatch.payload("kiosk-1", Stream.of(EVENT, "42", wrongDevice, other, "{\"v\":1}")
                .map(j -> j.getBytes(StandardCharsets.UTF_8)).toList());
        List<Decoded<EventEnvelope>> out = codec.decodeEvents(batch, "kiosk-1").orThrow();
        assertThat(out).hasSize(5);
        assertThat(out.get(0).orThrow().seq()).isEqualTo(3);
        assertThat(((Decoded.Rejected<EventEnvelope>) out.get(1)).rejection().reason()).isEqualTo(Rejection.Reason.WRONG_TYPE);
        assertThat(((Decoded.Rejected<EventEnvelope>) out.get(2)).rejection().reason())
                .isEqualTo(Rejection.Reason.DEVICE_MISMATCH);
        assertThat(out.get(3).orThrow().seq()).isEqualTo(4);
        assertThat(out.get(4).isAccepted()).isFalse();
    }

    @Test
    void decodeEvents_malformedBatchEnvelope_rejectedWhole() {
        assertThat(events("{\"v\":1,\"device\":\"kiosk-1\",\"events\":[]}")).isInstanceOf(Decoded.Rejected.class);
        assertThat(events("{\"v\":1,\"device\":\"kiosk-1\",\"events\":{}}")).isInstanceOf(Decoded.Rejected.class);
        assertThat(events("{\"v\":2,\"device\":\"kiosk-1\",\"events\":[" + EVENT + "]}"))
                .isInstanceOf(Decoded.Rejected.class);
        assertThat(events("{\"v\":1,\"device\":\"kiosk-2\",\"events\":[" + EVENT + "]}"))
                .isInstanceOf(Decoded.Rejected.class);
        assertThat(events("{\"v\":1,\"device\":\"kiosk-1\",\"events\":[" + EVENT + "]")).isInstanceOf(Decoded.Rejected.class);
        String tooMany = "{\"v\":1,\"device\":\"kiosk-1\",\"events\":[" + String.join(",",
                java.util.Collections.nCopies(EventBatch.MAX_EVENTS + 1, "{}")) + "]}";
        assertThat(events(tooMany)).isInstanceOf(Decoded.Rejected.class);
        assertThatThrownBy(() -> EventBatch.payload("kiosk-1", List.of(new byte[MessageCodec.MAX_PAYLOAD_BYTES])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
