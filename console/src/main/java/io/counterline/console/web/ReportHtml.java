package io.counterline.console.web;

import io.counterline.console.report.ReportTables.Table;
import java.util.List;

/** Report tables as the console's pages show them, for the pages a feature adds ({@link ConsoleRoutes}). */
public final class ReportHtml {
    private ReportHtml() {
    }

    public static Html tables(List<Table> tables) {
        return Pages.tables(tables);
    }
}
