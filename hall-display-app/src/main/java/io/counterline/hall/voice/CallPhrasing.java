package io.counterline.hall.voice;

import io.counterline.audio.Announcement;
import io.counterline.audio.Phrases;
import io.counterline.protocol.CallsState.Call;
import java.util.Map;
import java.util.function.Function;

/**
 * What the hall says for a call: {@link Phrases#call} with the ticket number and the counter's
 * spoken number, "请 A012 号到 3 号窗口".
 *
 * <p>{@code state/calls} carries the counter's id and names, not its number. The number is taken
 * from the Chinese name, the first run of digits in it ("3号窗口" → "3", "１２号窗口" → "12"), so it
 * follows whatever the server calls the counter, counters added later included, with nothing to
 * keep in step on the display. A counter named without digits ("贵宾室") gets its number from
 * {@code counter-numbers}, which also wins over the name when both exist. A call with neither is
 * an {@link IllegalArgumentException} naming the setting to add; {@link CallAnnouncer} logs it and
 * goes on with the next call.
 */
public final class CallPhrasing implements Function<Call, Announcement> {
    private final Map<String, String> counterNumbers;

    /** @param counterNumbers counter id → spoken number, from {@code counter-numbers} */
    public CallPhrasing(Map<String, String> counterNumbers) {
        this.counterNumbers = Map.copyOf(counterNumbers);
    }

    @Override
    public Announcement apply(Call call) {
        return Phrases.call(call.number(), counterNumber(call));
    }

    /** The number said for the call's counter. */
    public String counterNumber(Call call) {
        String configured = counterNumbers.get(call.counter());
        if (configured != null) {
            return configured;
        }
        StringBuilder digits = new StringBuilder();
        for (char c : call.counterNameZh().toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(Character.forDigit(Character.digit(c, 10), 10));
            } else if (!digits.isEmpty()) {
                break;
            }
        }
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("counter " + call.counter() + " (\"" + call.counterNameZh()
                    + "\") has no digits in its name; set counterline.hall.counter-numbers." + call.counter());
        }
        return digits.toString();
    }
}
