package io.counterline.console.supervision;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** How supervision's pages read what a request brings: bounded where it enters, clear when wrong. */
final class Forms {
    private Forms() {
    }

    /** A form field, "" when absent. */
    static String field(Context ctx, String name, int max) {
        return bounded(name, ctx.formParam(name), max);
    }

    /** A date query parameter, {@code otherwise} when absent or blank. */
    static LocalDate date(Context ctx, String name, LocalDate otherwise) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? otherwise : day(bounded(name, v, 10));
    }

    static LocalDate day(String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a date looks like 2026-12-05, was '" + v + "'");
        }
    }

    private static String bounded(String name, String v, int max) {
        if (v == null) {
            return "";
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        return v;
    }
}
