package io.counterline.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A branch's configuration as head office publishes it on {@code cl/v1/{branch}/dev/uplink/cfg}
 * (the down-link, see {@code docs/head-office.md}): a version and what head office sets over the
 * branch's own configuration — services (names, disabled, services to add), tellers (names,
 * employee numbers, disabled; PINs stay the branch's), business-calendar days and head office's
 * text notices for the hall displays ({@link Signage}). What the document does not name stays as
 * the branch has it, except the signage part: the document is the whole of head office's notices,
 * so a document without one removes them.
 *
 * <p>Head office checks a document with {@link #of} before storing it, the branch again before
 * applying it: unknown keys, ids, sizes and values are refused with a reason naming the field, so
 * a newer head office's document is refused rather than half understood.
 */
public record ConfigDocument(String branch, long version, List<Service> services, List<Teller> tellers,
                             List<Day> calendar, Optional<Signage> signage) {
    /** The wire form's version of this schema. */
    public static final int V = 1;
    /** A document larger than this is refused (it is one MQTT message and one jsonb value). */
    public static final int MAX_BYTES = 64 * 1024;
    static final int MAX_SERVICES = 100;
    static final int MAX_TELLERS = 500;
    static final int MAX_DAYS = 400;
    static final int MAX_COUNTERS = 64;
    static final int MAX_NUMBER = 9999;
    static final int MAX_WEIGHT = 100;
    static final int MAX_NAME = 40;
    static final int MAX_EMPLOYEE_NO = 20;
    static final int MAX_NOTE = 200;
    static final int MAX_NOTICES = 20;
    static final int MAX_NOTICE_TEXT = 500;
    static final int MAX_PRIORITY = 1000;
    /**
     * Head office's notices together (Chinese and English, UTF-8) are at most this large, so that
     * they and the branch's approved playlists fit the hall's one 16 KiB {@code state/signage} message.
     */
    static final int MAX_NOTICE_BYTES = 6 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Pattern TELLER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z]");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");
    private static final Pattern CLOCK = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** A service's names and state; {@code add} says how to create it where the branch lacks it. */
    public record Service(String id, String nameZh, String nameEn, boolean disabled, Optional<NewService> add) {
    }

    /** What a branch needs to issue a service it does not have: as the console's "add service" form. */
    public record NewService(String prefix, int first, int last, String opens, String closes,
                             Map<String, Integer> counters) {
        public NewService {
            counters = Map.copyOf(counters);
        }
    }

    public record Teller(String id, String name, String employeeNo, boolean disabled) {
    }

    /** A day of the business calendar: a holiday, or a working day on a weekend (调休). */
    public record Day(LocalDate day, boolean working, String note) {
    }

    /**
     * Head office's text notices for every hall display of the branch, played as its own playlist
     * (at {@code priority}, within {@code start}–{@code end} or all day when both are null) beside
     * the branch's approved ones. Images and videos are not carried: they are files.
     */
    public record Signage(int priority, String start, String end, List<SignNotice> notices) {
        public Signage {
            notices = List.copyOf(notices);
        }
    }

    /** One notice: its id (unique in the document) and its text in both languages. */
    public record SignNotice(String id, String zh, String en) {
    }

    public ConfigDocument {
        Ids.require("branch", branch);
        services = List.copyOf(services);
        tellers = List.copyOf(tellers);
        calendar = List.copyOf(calendar);
        signage = signage == null ? Optional.empty() : signage;
    }

    /** A document without head office's notices. */
    public ConfigDocument(String branch, long version, List<Service> services, List<Teller> tellers,
                          List<Day> calendar) {
        this(branch, version, services, tellers, calendar, Optional.empty());
    }

    /** Why a document is refused: the field and what is wrong with it. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- reading

    /** A document from the wire. */
    public static Decoded<ConfigDocument> decode(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            return rejected("configuration of " + payload.length + " bytes (limit " + MAX_BYTES + ")");
        }
        try {
            return of(JSON.readTree(payload));
        } catch (IOException e) {
            return rejected("configuration is not JSON");
        }
    }

    /** A document from its JSON, or why it is refused. */
    public static Decoded<ConfigDocument> of(JsonNode n) {
        try {
            return new Decoded.Accepted<>(read(n));
        } catch (Refused e) {
            return rejected(e.getMessage());
        }
    }

    private static ConfigDocument read(JsonNode n) throws Refused {
        object(n, "configuration");
        onlyKeys(n, "configuration", "v", "branch", "version", "services", "tellers", "calendar", "signage");
        if (!n.path("v").canConvertToInt() || n.path("v").asInt() != V) {
            throw new Refused("v: this branch reads configuration version " + V);
        }
        String branch = n.path("branch").asText("");
        String idProblem = Ids.problem(branch);
        if (!n.path("branch").isTextual() || idProblem != null) {
            throw new Refused("branch: " + (idProblem == null ? "missing" : idProblem));
        }
        JsonNode version = n.path("version");
        if (!version.isIntegralNumber() || version.asLong() < 1 || version.asLong() > Integer.MAX_VALUE) {
            throw new Refused("version: a whole number from 1 to " + Integer.MAX_VALUE);
        }
        List<Service> services = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (JsonNode s : array(n, "services", MAX_SERVICES)) {
            Service service = service(s);
            if (!seen.add(service.id())) {
                throw new Refused("services: " + service.id() + " twice");
            }
            if (service.add().isPresent() && !prefixes.add(service.add().get().prefix())) {
                throw new Refused("services: prefix " + service.add().get().prefix() + " twice");
            }
            services.add(service);
        }
        List<Teller> tellers = new ArrayList<>();
        seen.clear();
        for (JsonNode t : array(n, "tellers", MAX_TELLERS)) {
            Teller teller = teller(t);
            if (!seen.add(teller.id())) {
                throw new Refused("tellers: " + teller.id() + " twice");
            }
            tellers.add(teller);
        }
        List<Day> days = new ArrayList<>();
        seen.clear();
        for (JsonNode d : array(n, "calendar", MAX_DAYS)) {
            Day day = day(d);
            if (!seen.add(day.day().toString())) {
                throw new Refused("calendar: " + day.day() + " twice");
            }
            days.add(day);
        }
        Optional<Signage> signage = n.has("signage") ? Optional.of(signage(n.get("signage"))) : Optional.empty();
        return new ConfigDocument(branch, version.asLong(), services, tellers, days, signage);
    }

    private static Signage signage(JsonNode s) throws Refused {
        object(s, "signage");
        onlyKeys(s, "signage", "priority", "start", "end", "notices");
        int priority = s.has("priority") ? number(s, "priority", "signage", 0, MAX_PRIORITY) : 0;
        String start = s.has("start") ? clock(s, "start") : null;
        String end = s.has("end") ? clock(s, "end") : null;
        if ((start == null) != (end == null) || (start != null && start.compareTo(end) >= 0)) {
            throw new Refused("signage: start and end (HH:mm, end exclusive) are both given, start before end,"
                    + " or neither");
        }
        JsonNode list = s.get("notices");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_NOTICES) {
            throw new Refused("signage: notices is a list of 1 to " + MAX_NOTICES);
        }
        List<SignNotice> notices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int bytes = 0;
        for (JsonNode x : list) {
            object(x, "signage notices[]");
            onlyKeys(x, "signage notice", "id", "zh", "en");
            String id = text(x, "id", "signage notice id", 16);
            if (!SERVICE_ID.matcher(id).matches()) {
                throw new Refused("signage notice id '" + id + "': 1 to 16 letters, digits, '-' or '_'");
            }
            if (!seen.add(id)) {
                throw new Refused("signage: notice " + id + " twice");
            }
            SignNotice notice = new SignNotice(id, text(x, "zh", "signage notice " + id + ": zh", MAX_NOTICE_TEXT),
                    text(x, "en", "signage notice " + id + ": en", MAX_NOTICE_TEXT));
            bytes += notice.zh().getBytes(StandardCharsets.UTF_8).length
                    + notice.en().getBytes(StandardCharsets.UTF_8).length;
            notices.add(notice);
        }
        if (bytes > MAX_NOTICE_BYTES) {
            throw new Refused("signage: the notices' texts are " + bytes + " bytes together (limit " + MAX_NOTICE_BYTES
                    + ", so that the hall's schedule fits one message)");
        }
        return new Signage(priority, start, end, notices);
    }

    private static String clock(JsonNode n, String field) throws Refused {
        String t = text(n, field, "signage: " + field, 5);
        if (!CLOCK.matcher(t).matches()) {
            throw new Refused("signage: " + field + " is a time HH:mm from 00:00 to 23:59");
        }
        return t;
    }

    private static Service service(JsonNode s) throws Refused {
        object(s, "services[]");
        onlyKeys(s, "service", "id", "name-zh", "name-en", "disabled", "add");
        String id = text(s, "id", "service id", 16);
        if (!SERVICE_ID.matcher(id).matches()) {
            throw new Refused("service id '" + id + "': 1 to 16 letters, digits, '-' or '_'");
        }
        String where = "service " + id;
        String nameZh = text(s, "name-zh", where + ": name-zh", MAX_NAME);
        String nameEn = text(s, "name-en", where + ": name-en", MAX_NAME);
        boolean disabled = flag(s, "disabled", where);
        Optional<NewService> add = Optional.empty();
        if (s.has("add")) {
            JsonNode a = s.get("add");
            object(a, where + ": add");
            onlyKeys(a, where + ": add", "prefix", "first", "last", "opens", "closes", "counters");
            String prefix = text(a, "prefix", where + ": prefix", 1);
            if (!PREFIX.matcher(prefix).matches()) {
                throw new Refused(where + ": prefix is one capital letter A-Z");
            }
            int first = number(a, "first", where, 1, MAX_NUMBER);
            int last = number(a, "last", where, 1, MAX_NUMBER);
            if (first > last) {
                throw new Refused(where + ": first is above last");
            }
            String opens = time(a, "opens", where);
            String closes = time(a, "closes", where);
            if (opens.equals("24:00") || (!closes.equals("24:00") && opens.compareTo(closes) >= 0)) {
                throw new Refused(where + ": opens must be before closes");
            }
            JsonNode c = a.path("counters");
            object(c, where + ": counters");
            if (c.size() == 0 || c.size() > MAX_COUNTERS) {
                throw new Refused(where + ": counters names 1 to " + MAX_COUNTERS + " counters with a weight");
            }
            Map<String, Integer> counters = new LinkedHashMap<>();
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String counter = it.next();
                if (Ids.problem(counter) != null || counter.length() > 16) {
                    throw new Refused(where + ": counter id '" + abbreviate(counter) + "' is not an id");
                }
                counters.put(counter, number(c, counter, where + " counter " + counter, 1, MAX_WEIGHT));
            }
            add = Optional.of(new NewService(prefix, first, last, opens, closes, counters));
        }
        return new Service(id, nameZh, nameEn, disabled, add);
    }

    private static Teller teller(JsonNode t) throws Refused {
        object(t, "tellers[]");
        onlyKeys(t, "teller", "id", "name", "employee-no", "disabled");
        String id = text(t, "id", "teller id", 32);
        if (!TELLER_ID.matcher(id).matches()) {
            throw new Refused("teller id '" + id + "': 1 to 32 of A-Z a-z 0-9 . _ -");
        }
        return new Teller(id, text(t, "name", "teller " + id + ": name", MAX_NAME),
                text(t, "employee-no", "teller " + id + ": employee-no", MAX_EMPLOYEE_NO),
                flag(t, "disabled", "teller " + id));
    }

    private static Day day(JsonNode d) throws Refused {
        object(d, "calendar[]");
        onlyKeys(d, "calendar day", "day", "kind", "note");
        String text = text(d, "day", "calendar day", 10);
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refused("calendar day '" + text + "' is not a date YYYY-MM-DD");
        }
        String kind = text(d, "kind", "calendar " + day + ": kind", 16);
        if (!kind.equals("holiday") && !kind.equals("workday")) {
            throw new Refused("calendar " + day + ": kind is holiday or workday");
        }
        String note = "";
        if (d.has("note")) {
            if (!d.get("note").isTextual() || d.get("note").asText().length() > MAX_NOTE || controls(d.get("note").asText())) {
                throw new Refused("calendar " + day + ": note is a text of at most " + MAX_NOTE + " characters");
            }
            note = d.get("note").asText().strip();
        }
        return new Day(day, kind.equals("workday"), note);
    }

    private static void object(JsonNode n, String what) throws Refused {
        if (n == null || !n.isObject()) {
            throw new Refused(what + ": an object is expected");
        }
    }

    private static void onlyKeys(JsonNode n, String what, String... allowed) throws Refused {
        Set<String> keys = Set.of(allowed);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new Refused(what + ": unknown key '" + abbreviate(key) + "'");
            }
        }
    }

    private static List<JsonNode> array(JsonNode n, String field, int max) throws Refused {
        JsonNode a = n.get(field);
        if (a == null) {
            return List.of();
        }
        if (!a.isArray() || a.size() > max) {
            throw new Refused(field + ": a list of at most " + max);
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    private static String text(JsonNode n, String field, String what, int max) throws Refused {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().strip().length() > max
                || controls(v.asText())) {
            throw new Refused(what + ": a text of 1 to " + max + " characters");
        }
        return v.asText().strip();
    }

    private static boolean flag(JsonNode n, String field, String what) throws Refused {
        JsonNode v = n.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new Refused(what + ": " + field + " is true or false");
        }
        return v.asBoolean();
    }

    private static int number(JsonNode n, String field, String what, int min, int max) throws Refused {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new Refused(what + ": " + field + " is a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    private static String time(JsonNode n, String field, String what) throws Refused {
        String t = text(n, field, what + ": " + field, 5);
        if (!HH_MM.matcher(t).matches()) {
            throw new Refused(what + ": " + field + " is a time HH:mm (closes may be 24:00)");
        }
        LocalTime.parse(t.equals("24:00") ? "00:00" : t);
        return t;
    }

    private static boolean controls(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static <T> Decoded<T> rejected(String why) {
        return new Decoded.Rejected<>(new Rejection(Rejection.Reason.INVALID_FIELD, why));
    }

    // ---------------------------------------------------------------- writing

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", V);
        n.put("branch", branch);
        n.put("version", version);
        ArrayNode s = n.putArray("services");
        for (Service x : services) {
            ObjectNode o = s.addObject().put("id", x.id()).put("name-zh", x.nameZh()).put("name-en", x.nameEn())
                    .put("disabled", x.disabled());
            x.add().ifPresent(a -> {
                ObjectNode add = o.putObject("add").put("prefix", a.prefix()).put("first", a.first())
                        .put("last", a.last()).put("opens", a.opens()).put("closes", a.closes());
                ObjectNode c = add.putObject("counters");
                a.counters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> c.put(e.getKey(), e.getValue()));
            });
        }
        ArrayNode t = n.putArray("tellers");
        for (Teller x : tellers) {
            t.addObject().put("id", x.id()).put("name", x.name()).put("employee-no", x.employeeNo())
                    .put("disabled", x.disabled());
        }
        ArrayNode c = n.putArray("calendar");
        for (Day x : calendar) {
            c.addObject().put("day", x.day().toString()).put("kind", x.working() ? "workday" : "holiday")
                    .put("note", x.note());
        }
        signage.ifPresent(x -> {
            ObjectNode o = n.putObject("signage").put("priority", x.priority());
            if (x.start() != null) {
                o.put("start", x.start()).put("end", x.end());
            }
            ArrayNode notices = o.putArray("notices");
            x.notices().forEach(m -> notices.addObject().put("id", m.id()).put("zh", m.zh()).put("en", m.en()));
        });
        return n;
    }

    public byte[] encode() {
        return toJson().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same content as another branch's or version's document (head office publishes one to many). */
    public ConfigDocument as(String otherBranch, long otherVersion) {
        return new ConfigDocument(otherBranch, otherVersion, services, tellers, calendar, signage);
    }

    /** The document as indented JSON, for a page to show and edit. */
    public String pretty() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
