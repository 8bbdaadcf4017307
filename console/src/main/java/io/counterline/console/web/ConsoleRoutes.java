package io.counterline.console.web;

import io.counterline.console.auth.Sessions;
import io.counterline.console.report.ReportTables;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * Routes a feature adds to the console (e.g. supervision). They run behind the same guard as
 * every other route: session, CSRF on every change, security headers; except the paths the
 * feature declares {@link #open} and authenticates itself.
 */
public interface ConsoleRoutes {
    /** The console's one print/export path: the print layout, PDF, CSV or XLSX of some tables, audited. */
    interface ReportOutput {
        /** @param form {@code print}, {@code pdf}, {@code csv} or {@code xlsx} */
        void send(Context ctx, Sessions.Current session, String form, String title, String period, String what,
                  List<ReportTables.Table> tables, String file) throws Exception;
    }

    void register(RoutesConfig routes, ReportOutput output);

    /** Where {@code /} leads when this feature is the console's main purpose (head office); empty for the others. */
    default java.util.Optional<String> home() {
        return java.util.Optional.empty();
    }

    /**
     * Paths this feature authenticates itself, without a console session or CSRF token (e.g. a
     * device's upload with the device's own credentials).
     */
    default boolean open(String path) {
        return false;
    }
}
