package io.counterline.protocol;

import java.util.regex.Pattern;

/**
 * Validates the ids that become topic levels (branch, device, counter). An id that passes can
 * never widen a subscription or escape its level: no {@code +}, {@code #} or {@code /}, nothing
 * empty, nothing longer than {@value #MAX_LENGTH} characters.
 */
public final class Ids {
    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Ids() {
    }

    /** Returns {@code id} unchanged when valid, otherwise throws naming {@code field}. */
    public static String require(String field, String id) {
        String problem = problem(id);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
        return id;
    }

    public static boolean isValid(String id) {
        return problem(id) == null;
    }

    /** Why {@code id} is not a valid id, or {@code null} when it is. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (!ALLOWED.matcher(id).matches()) {
            return "'" + id + "' may hold only letters, digits, '.', '_' and '-' (no '+', '#' or '/')";
        }
        return null;
    }
}
