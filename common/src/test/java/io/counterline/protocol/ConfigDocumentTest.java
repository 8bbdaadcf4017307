package io.counterline.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDocumentTest {
    private static final String GOOD = """
            {"v": 1, "branch": "b1", "version": 3,
             "services": [
               {"id": "A", "name-zh": "个人业务", "name-en": "Personal"},
               {"id": "C", "name-zh": "外汇", "name-en": "Foreign exchange", "disabled": false,
                "add": {"prefix": "C", "first": 1, "last": 500, "opens": "09:00", "closes": "24:00",
                        "counters": {"c1": 1, "c2": 3}}}],
             "tellers": [{"id": "t9", "name": "赵敏", "employee-no": "E1009", "disabled": false}],
             "calendar": [{"day": "2026-10-01", "kind": "holiday", "note": "国庆节"},
                          {"day": "2026-10-11", "kind": "workday"}],
             "signage": {"priority": 5, "start": "08:30", "end": "17:00",
                         "notices": [{"id": "n1", "zh": "国庆节照常营业", "en": "Open on National Day"},
                                     {"id": "n2", "zh": "<b>利率</b>", "en": "Rates"}]}}
            """;

    private static Decoded<ConfigDocument> decode(String json) {
        return ConfigDocument.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String json) {
        Decoded<ConfigDocument> d = decode(json);
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected<ConfigDocument>) d).rejection().detail();
    }

    @Test
    void goodDocument_readWithEveryPart_andWrittenBackTheSame() {
        ConfigDocument doc = decode(GOOD).orThrow();
        assertThat(doc.branch()).isEqualTo("b1");
        assertThat(doc.version()).isEqualTo(3);
        assertThat(doc.services()).extracting(ConfigDocument.Service::id).containsExactly("A", "C");
        assertThat(doc.services().get(0).add()).isEmpty();
        assertThat(doc.services().get(1).add()).contains(new ConfigDocument.NewService("C", 1, 500, "09:00", "24:00",
                Map.of("c1", 1, "c2", 3)));
        assertThat(doc.tellers()).containsExactly(new ConfigDocument.Teller("t9", "赵敏", "E1009", false));
        assertThat(doc.calendar()).containsExactly(new ConfigDocument.Day(LocalDate.of(2026, 10, 1), false, "国庆节"),
                new ConfigDocument.Day(LocalDate.of(2026, 10, 11), true, ""));
        assertThat(doc.signage()).contains(new ConfigDocument.Signage(5, "08:30", "17:00", List.of(
                new ConfigDocument.SignNotice("n1", "国庆节照常营业", "Open on National Day"),
                new ConfigDocument.SignNotice("n2", "<b>利率</b>", "Rates"))));
        assertThat(ConfigDocument.decode(doc.encode()).orThrow()).isEqualTo(doc);
        assertThat(doc.as("b2", 7)).isEqualTo(new ConfigDocument("b2", 7, doc.services(), doc.tellers(),
                doc.calendar(), doc.signage()));
    }

    @Test
    void emptyParts_areAllowed_andMeanNothingChanges() {
        ConfigDocument doc = decode("{\"v\": 1, \"branch\": \"b1\", \"version\": 1}").orThrow();
        assertThat(doc.services()).isEmpty();
        assertThat(doc.tellers()).isEmpty();
        assertThat(doc.calendar()).isEmpty();
        assertThat(doc.signage()).isEmpty();
    }

    @Test
    void signage_withoutWindow_isAllDayAtPriorityZero_andWrittenBackTheSame() {
        ConfigDocument doc = decode("{\"v\": 1, \"branch\": \"b1\", \"version\": 1, \"signage\": {\"notices\":"
                + " [{\"id\": \"n\", \"zh\": \"中\", \"en\": \"e\"}]}}").orThrow();
        assertThat(doc.signage()).contains(new ConfigDocument.Signage(0, null, null,
                List.of(new ConfigDocument.SignNotice("n", "中", "e"))));
        assertThat(ConfigDocument.decode(doc.encode()).orThrow()).isEqualTo(doc);
    }

    @Test
    void signage_badValues_duplicateIds_andSizes_areRefusedNamingTheField() {
        assertThat(refusal(GOOD.replace("\"priority\": 5,", "\"priority\": 5, \"images\": [],")))
                .contains("signage: unknown key 'images'");
        assertThat(refusal(GOOD.replace("\"en\": \"Rates\"", "\"en\": \"Rates\", \"video\": \"x\"")))
                .contains("unknown key 'video'");
        assertThat(refusal(GOOD.replace("\"id\": \"n2\"", "\"id\": \"n1\""))).contains("notice n1 twice");
        assertThat(refusal(GOOD.replace("\"id\": \"n2\"", "\"id\": \"n 2\""))).contains("signage notice id");
        assertThat(refusal(GOOD.replace("\"en\": \"Rates\"", "\"en\": \"\""))).contains("n2: en");
        assertThat(refusal(GOOD.replace("\"en\": \"Rates\"", "\"en\": \"" + "r".repeat(501) + "\"")))
                .contains("n2: en: a text of 1 to 500");
        assertThat(refusal(GOOD.replace("\"priority\": 5", "\"priority\": 1001"))).contains("priority");
        assertThat(refusal(GOOD.replace("\"end\": \"17:00\"", "\"end\": \"08:00\""))).contains("start before end");
        assertThat(refusal(GOOD.replace("\"start\": \"08:30\", ", ""))).contains("both given");
        assertThat(refusal(GOOD.replace("\"start\": \"08:30\"", "\"start\": \"8:30\""))).contains("HH:mm");
        assertThat(refusal(GOOD.replace("\"notices\": [", "\"notices\": 3, \"x\": ["))).contains("unknown key 'x'");
        assertThat(refusal("{\"v\": 1, \"branch\": \"b1\", \"version\": 1, \"signage\": {\"notices\": []}}"))
                .contains("notices is a list of 1 to " + ConfigDocument.MAX_NOTICES);
        assertThat(refusal(withNotices(ConfigDocument.MAX_NOTICES + 1, "z")))
                .contains("notices is a list of 1 to " + ConfigDocument.MAX_NOTICES);
        assertThat(decode(withNotices(ConfigDocument.MAX_NOTICES, "z")).isAccepted()).isTrue();
        // Within each notice's bound but over the bytes the hall's message leaves: 5 × (500 × 3 + 1) bytes.
        assertThat(refusal(withNotices(5, "中".repeat(500)))).contains("limit " + ConfigDocument.MAX_NOTICE_BYTES);
        assertThat(decode(withNotices(4, "中".repeat(500))).isAccepted()).isTrue();
    }

    /** A document with {@code count} notices n0, n1, … of Chinese text {@code zh} and English "e". */
    private static String withNotices(int count, String zh) {
        StringBuilder notices = new StringBuilder();
        for (int i = 0; i < count; i++) {
            notices.append(i == 0 ? "" : ",").append("{\"id\": \"n").append(i).append("\", \"zh\": \"").append(zh)
                    .append("\", \"en\": \"e\"}");
        }
        return "{\"v\": 1, \"branch\": \"b1\", \"version\": 1, \"signage\": {\"notices\": [" + notices + "]}}";
    }

    @Test
    void unknownKeys_atEveryLevel_areRefusedNamingTheKey() {
        assertThat(refusal(GOOD.replace("\"version\": 3,", "\"version\": 3, \"media\": [],")))
                .contains("unknown key 'media'");
        assertThat(refusal(GOOD.replace("\"name-en\": \"Personal\"", "\"name-en\": \"Personal\", \"colour\": 1")))
                .contains("unknown key 'colour'");
        assertThat(refusal(GOOD.replace("\"prefix\": \"C\",", "\"prefix\": \"C\", \"numbers\": 2,")))
                .contains("unknown key 'numbers'");
        assertThat(refusal(GOOD.replace("\"disabled\": false}]", "\"disabled\": false, \"pin\": \"1234\"}]")))
                .contains("unknown key 'pin'");
    }

    @Test
    void badIdsAndValues_areRefusedNamingTheField() {
        assertThat(refusal(GOOD.replace("\"id\": \"A\"", "\"id\": \"A B\""))).contains("service id 'A B'");
        assertThat(refusal(GOOD.replace("\"id\": \"t9\"", "\"id\": \"../t9\""))).contains("teller id");
        assertThat(refusal(GOOD.replace("\"branch\": \"b1\"", "\"branch\": \"b/1\""))).startsWith("branch:");
        assertThat(refusal(GOOD.replace("\"version\": 3", "\"version\": 0"))).startsWith("version:");
        assertThat(refusal(GOOD.replace("\"version\": 3", "\"version\": \"3\""))).startsWith("version:");
        assertThat(refusal(GOOD.replace("\"v\": 1", "\"v\": 2"))).startsWith("v:");
        assertThat(refusal(GOOD.replace("\"prefix\": \"C\"", "\"prefix\": \"cc\""))).contains("prefix");
        assertThat(refusal(GOOD.replace("\"last\": 500", "\"last\": 10000"))).contains("last");
        assertThat(refusal(GOOD.replace("\"opens\": \"09:00\"", "\"opens\": \"25:00\""))).contains("opens");
        assertThat(refusal(GOOD.replace("\"c2\": 3", "\"c2\": 0"))).contains("counter c2");
        assertThat(refusal(GOOD.replace("\"kind\": \"workday\"", "\"kind\": \"party\""))).contains("kind");
        assertThat(refusal(GOOD.replace("2026-10-11", "2026-13-11"))).contains("not a date");
        assertThat(refusal(GOOD.replace("\"disabled\": false,", "\"disabled\": \"no\","))).contains("true or false");
        assertThat(refusal(GOOD.replace("赵敏", "x".repeat(41)))).contains("name");
        assertThat(refusal(GOOD.replace("赵敏", "a\\u0000b"))).contains("name");
    }

    @Test
    void twiceTheSameIdDayOrPrefix_isRefused() {
        assertThat(refusal(GOOD.replace("\"id\": \"C\"", "\"id\": \"A\""))).contains("A twice");
        assertThat(refusal(GOOD.replace("2026-10-11", "2026-10-01"))).contains("2026-10-01 twice");
        String twoTellers = GOOD.replace("\"tellers\": [", "\"tellers\": [{\"id\": \"t9\", \"name\": \"x\","
                + " \"employee-no\": \"E1\"}, ");
        assertThat(refusal(twoTellers)).contains("t9 twice");
    }

    @Test
    void sizes_areBounded() {
        StringBuilder tellers = new StringBuilder();
        for (int i = 0; i <= ConfigDocument.MAX_TELLERS; i++) {
            tellers.append(i == 0 ? "" : ",").append("{\"id\": \"t").append(i)
                    .append("\", \"name\": \"n\", \"employee-no\": \"e\"}");
        }
        assertThat(refusal("{\"v\": 1, \"branch\": \"b1\", \"version\": 1, \"tellers\": [" + tellers + "]}"))
                .contains("at most " + ConfigDocument.MAX_TELLERS);
        String huge = "{\"v\": 1, \"branch\": \"b1\", \"version\": 1, \"x\": \"" + "y".repeat(ConfigDocument.MAX_BYTES)
                + "\"}";
        assertThat(refusal(huge)).contains("limit " + ConfigDocument.MAX_BYTES);
        assertThat(refusal("{not json")).contains("not JSON");
        assertThat(refusal("[1, 2]")).contains("an object is expected");
    }

    @Test
    void report_roundTrips_andBadReportsAreRefused() {
        ConfigReport r = new ConfigReport("b1", 2, 3, List.of("A"), 4, "unknown key 'x'");
        assertThat(ConfigReport.of(r.toBody()).orThrow()).isEqualTo(r);
        var body = r.toBody();
        body.put("running", -1);
        assertThat(ConfigReport.of(body).isAccepted()).isFalse();
        body = r.toBody();
        body.remove("reason");
        assertThat(ConfigReport.of(body).isAccepted()).isFalse();
        assertThat(new ConfigReport("b1", 0, 0, List.of(), 0, "r".repeat(1000)).reason()).hasSize(ConfigReport.MAX_REASON);
        assertThat(Optional.of(r.toBody().get("waiting-for").size())).contains(1);
    }
}
