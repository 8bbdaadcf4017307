package io.counterline.protocol;

/**
 * The one rounding and wording of an estimated wait, shared by the server that computes it and
 * every device that shows or prints it, so that a kiosk, a hall display and a slip never show
 * different minutes for the same figure.
 *
 * <p>The server rounds its estimate with {@link #roundedSeconds} before publishing it (in
 * {@code state/services} and in a {@code ticket.issue} answer): up to whole minutes, and at least
 * one minute while anyone is ahead, so "no wait" is shown only when nobody is waiting. Devices
 * turn that figure into minutes with {@link #minutes} (which leaves a whole-minute figure as it
 * is) and into words with {@link #zh} and {@link #en}.
 */
public final class WaitTime {
    private static final int MINUTE = 60;

    private WaitTime() {
    }

    /**
     * The server's estimate as published: {@code estimateMillis} rounded up to whole minutes, at
     * least one minute when {@code peopleAhead} is above zero, at most {@link Integer#MAX_VALUE}
     * seconds rounded down to a minute.
     */
    public static int roundedSeconds(long estimateMillis, int peopleAhead) {
        if (peopleAhead <= 0) {
            return 0;
        }
        long minutes = Math.max(1, ceilDiv(Math.max(0, estimateMillis), MINUTE * 1000L));
        return (int) Math.min(minutes, Integer.MAX_VALUE / MINUTE) * MINUTE;
    }

    /** Whole minutes of a published estimate, rounded up (a whole-minute figure is unchanged). */
    public static int minutes(int estimatedWaitSeconds) {
        return (int) ceilDiv(Math.max(0, estimatedWaitSeconds), MINUTE);
    }

    /** "约 3 分钟", or "无需等候" for no wait. */
    public static String zh(int estimatedWaitSeconds) {
        int minutes = minutes(estimatedWaitSeconds);
        return minutes == 0 ? "无需等候" : "约 " + minutes + " 分钟";
    }

    /** "about 3 min", or "No wait". */
    public static String en(int estimatedWaitSeconds) {
        int minutes = minutes(estimatedWaitSeconds);
        return minutes == 0 ? "No wait" : "about " + minutes + " min";
    }

    /**
     * A kiosk's estimate for a ticket it issues offline with {@code peopleAhead}, from the last
     * published state of its service ({@code waiting} people, estimate {@code estimatedWaitSeconds}
     * for a ticket taken then): the published time per person times the people ahead now, rounded
     * as the server rounds. With nobody waiting at that state there is no time per person, and
     * anyone ahead counts for the one-minute minimum.
     */
    public static int offline(int estimatedWaitSeconds, int waiting, int peopleAhead) {
        long millis = waiting <= 0 ? 0 : estimatedWaitSeconds * 1000L * peopleAhead / waiting;
        return roundedSeconds(millis, peopleAhead);
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
