package io.counterline.console.fleet;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.Sessions;
import io.counterline.console.auth.User;
import io.counterline.console.web.ConsoleRoutes;
import io.counterline.console.web.ConsoleServer;
import io.counterline.console.web.Html;
import io.counterline.console.web.Layout;
import io.counterline.protocol.Command;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.HealthLevel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The devices page ({@code /fleet}), for technicians and admins: each device of the user's scope
 * with its kind, counter, version, presence, last status, health and the clock offset its status
 * reports; a kiosk's test page can be asked for ({@code printer.test-page}). Each view and
 * command is audited.
 */
public final class FleetPage implements ConsoleRoutes {
    /** Beyond this the device's clock is worth a look (its status still corrects for it). */
    static final long CLOCK_WARNING_MS = 1000;
    /** Below this free space on its data folder's disk a device is flagged: the outbox and logs need room. */
    static final long LOW_DISK_MB = 500;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Fleet fleet;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    public FleetPage(Fleet fleet, AuditLog audit, Supplier<BranchDirectory> directory, Clock clock) {
        this.fleet = fleet;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes, ReportOutput output) {
        routes.get("/fleet", this::page);
        routes.post("/fleet/{device}/test-page", this::testPage);
        routes.post("/fleet/{device}/restart", this::restart);
    }

    /** The signed-in technician or admin; anyone else is answered 403 (audited) and gets empty. */
    private Optional<Sessions.Current> maintainer(Context ctx) {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        if (s.user().role().maintainsDevices()) {
            return Optional.of(s);
        }
        audit.record(s.user().login(), ctx.ip(), "forbidden", ctx.method().name() + " " + ctx.path());
        ctx.status(HttpStatus.FORBIDDEN).html(Layout.message(s.user().language(), directory.get().branchName(), s,
                "403 Forbidden", t(s.user().language(), "forbidden")));
        return Optional.empty();
    }

    private void testPage(Context ctx) {
        command(ctx, "fleet.test-page", fleet::printTestPage);
    }

    private void restart(Context ctx) {
        command(ctx, "fleet.restart", fleet::restart);
    }

    private interface Send {
        Command send(String device, Scope scope, Clock clock);
    }

    /** A command to the device in the path, by a maintainer, audited as {@code action}. */
    private void command(Context ctx, String action, Send send) {
        Optional<Sessions.Current> s = maintainer(ctx);
        if (s.isEmpty()) {
            return;
        }
        String device = ctx.pathParam("device");
        if (device.length() > 64) {
            throw new IllegalArgumentException("no such device");
        }
        Command c = send.send(device, s.get().user().scope(), clock);
        audit.record(s.get().user().login(), ctx.ip(), action, device, null, c.id());
        ctx.redirect("/fleet", HttpStatus.SEE_OTHER);
    }

    private void page(Context ctx) {
        Optional<Sessions.Current> signedIn = maintainer(ctx);
        if (signedIn.isEmpty()) {
            return;
        }
        Sessions.Current s = signedIn.get();
        User u = s.user();
        String lang = u.language();
        BranchDirectory dir = directory.get();
        List<Fleet.Device> devices = fleet.devices(u.scope());
        audit.record(u.login(), ctx.ip(), "fleet.view", u.scope().text());
        long online = devices.stream().filter(Fleet.Device::online).count();
        long attention = devices.stream().filter(d -> !d.online() || d.status().map(st -> st.health().level()
                != HealthLevel.OK || offsetIsLarge(st) || diskIsLow(st)).orElse(true)).count();
        Html h = new Html();
        h.element("p", String.format(t(lang, "summary"), devices.size(), online, attention), "id", "fleet-summary");
        h.element("p", t(lang, "how"), "class", "note");
        h.open("table", "id", "fleet").open("thead").headerRow(t(lang, "device"), t(lang, "kind"), t(lang, "counter"),
                t(lang, "version"), t(lang, "presence"), t(lang, "last-status"), t(lang, "health"), t(lang, "clock"),
                t(lang, "uptime"), t(lang, "disk"), t(lang, "temperature"), t(lang, "commands"))
                .close("thead").open("tbody");
        for (Fleet.Device d : devices) {
            h.open("tr", "id", "device-" + d.id(), "class", d.online() ? "online" : "offline");
            h.element("td", d.registered() ? d.id() : d.id() + " (" + t(lang, "unregistered") + ")");
            h.element("td", d.role().wire());
            h.element("td", d.counter().map(dir::counterName).orElse(""));
            h.element("td", d.status().map(DeviceStatus::version).orElse(""));
            h.element("td", d.status().isEmpty() ? t(lang, "never") : t(lang, d.online() ? "online" : "offline"));
            h.element("td", d.lastStatus().map(at -> STAMP.format(at.atZone(dir.zone()))).orElse(""));
            h.element("td", d.status().map(st -> st.health().level().wire()
                    + (st.health().reason().isEmpty() ? "" : ": " + st.health().reason())).orElse(""));
            h.element("td", d.status().map(FleetPage::offset).orElse("").concat(
                    d.status().filter(FleetPage::offsetIsLarge).map(st -> " — " + t(lang, "clock-off")).orElse("")),
                    "class", d.status().filter(FleetPage::offsetIsLarge).isPresent() ? "warn" : "");
            Optional<DeviceStatus.Vitals> vitals = d.status().map(DeviceStatus::vitals);
            h.element("td", vitals.map(DeviceStatus.Vitals::uptimeS).map(FleetPage::uptime).orElse(""));
            h.element("td", vitals.map(DeviceStatus.Vitals::diskFreeMb).map(mb -> diskFree(mb)
                    + (mb < LOW_DISK_MB ? " — " + t(lang, "disk-low") : "")).orElse(""),
                    "class", d.status().filter(FleetPage::diskIsLow).isPresent() ? "warn" : "");
            h.element("td", vitals.map(DeviceStatus.Vitals::cpuTempC)
                    .map(c -> String.format(java.util.Locale.ROOT, "%.1f °C", c)).orElse(""));
            h.open("td");
            if (d.registered() && d.online()) {
                h.open("form", "method", "post", "action", "/fleet/" + d.id() + "/restart", "class", "inline")
                        .csrf(s.csrf()).element("button", t(lang, "restart"), "type", "submit",
                                "id", "restart-" + d.id(), "title", t(lang, "restart-how")).close("form");
            }
            if (d.registered() && d.role() == DeviceRole.KIOSK) {
                h.open("form", "method", "post", "action", "/fleet/" + d.id() + "/test-page", "class", "inline")
                        .csrf(s.csrf()).element("button", t(lang, "test-page"), "type", "submit",
                                "id", "test-page-" + d.id()).close("form");
            }
            h.close("td");
            h.close("tr");
        }
        h.close("tbody").close("table");
        ctx.html(Layout.page(lang, dir.branchName(), t(lang, "fleet"), s, h));
    }

    /** "+412 ms", "−1.2 s"; empty while the device has not estimated it. */
    static String offset(DeviceStatus s) {
        if (s.clockOffsetMs() == null) {
            return "";
        }
        long ms = s.clockOffsetMs();
        String sign = ms > 0 ? "+" : ms < 0 ? "−" : "";
        long abs = Math.abs(ms);
        return abs < 10_000 ? sign + abs + " ms" : sign + String.format(java.util.Locale.ROOT, "%.1f s", abs / 1000.0);
    }

    /** "3 d 4 h", "5 h 12 min", "7 min". */
    static String uptime(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        return days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
    }

    /** "12.4 GiB", "350 MiB". */
    static String diskFree(long mb) {
        return mb >= 1024 ? String.format(java.util.Locale.ROOT, "%.1f GiB", mb / 1024.0) : mb + " MiB";
    }

    private static boolean diskIsLow(DeviceStatus s) {
        return s.vitals() != null && s.vitals().diskFreeMb() != null && s.vitals().diskFreeMb() < LOW_DISK_MB;
    }

    private static boolean offsetIsLarge(DeviceStatus s) {
        return s.clockOffsetMs() != null && Math.abs(s.clockOffsetMs()) >= CLOCK_WARNING_MS;
    }

    private static String t(String lang, String key) {
        return FleetTexts.of(lang, key);
    }
}
