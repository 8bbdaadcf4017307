package io.counterline.caller.screen;

import io.counterline.caller.teller.TellerAction;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.scene.input.KeyCode;

/**
 * The key map that lets a USB numeric keypad drive the teller screen (docs/counter-caller.md).
 * Keys act only while no text field has the focus; while a chooser (pause reason, transfer
 * target) is open, digits 1-9 pick its entries and Esc or Backspace closes it.
 *
 * <pre>
 * Enter, +   call next          *   start service
 * .          recall             /   complete
 * -          no-show            9   transfer (then 1-9)
 * 0          pause (then 1-9) or resume
 * 8          work order form (then 1-4 picks the category)
 * </pre>
 */
final class Keypad {
    private static final Map<KeyCode, TellerAction> ACTIONS = Map.ofEntries(
            Map.entry(KeyCode.ENTER, TellerAction.CALL_NEXT),
            Map.entry(KeyCode.ADD, TellerAction.CALL_NEXT),
            Map.entry(KeyCode.PLUS, TellerAction.CALL_NEXT),
            Map.entry(KeyCode.DECIMAL, TellerAction.RECALL),
            Map.entry(KeyCode.PERIOD, TellerAction.RECALL),
            Map.entry(KeyCode.MULTIPLY, TellerAction.START),
            Map.entry(KeyCode.DIVIDE, TellerAction.COMPLETE),
            Map.entry(KeyCode.SLASH, TellerAction.COMPLETE),
            Map.entry(KeyCode.SUBTRACT, TellerAction.NO_SHOW),
            Map.entry(KeyCode.MINUS, TellerAction.NO_SHOW),
            Map.entry(KeyCode.NUMPAD9, TellerAction.TRANSFER),
            Map.entry(KeyCode.DIGIT9, TellerAction.TRANSFER),
            // Pause or resume, whichever the counter allows: one key toggles.
            Map.entry(KeyCode.NUMPAD0, TellerAction.PAUSE),
            Map.entry(KeyCode.DIGIT0, TellerAction.PAUSE));

    private Keypad() {
    }

    /** The action of a key on the main screen, if it has one. */
    static Optional<TellerAction> action(KeyCode key) {
        return Optional.ofNullable(ACTIONS.get(key));
    }

    /** 1-9 for the digit keys 1 to 9 of the keypad or the main keyboard; empty otherwise. */
    static OptionalInt choice(KeyCode key) {
        if (key.compareTo(KeyCode.NUMPAD1) >= 0 && key.compareTo(KeyCode.NUMPAD9) <= 0) {
            return OptionalInt.of(key.ordinal() - KeyCode.NUMPAD1.ordinal() + 1);
        }
        if (key.compareTo(KeyCode.DIGIT1) >= 0 && key.compareTo(KeyCode.DIGIT9) <= 0) {
            return OptionalInt.of(key.ordinal() - KeyCode.DIGIT1.ordinal() + 1);
        }
        return OptionalInt.empty();
    }

    /** The key that opens the work-order form. */
    static boolean opensOrderForm(KeyCode key) {
        return key == KeyCode.NUMPAD8 || key == KeyCode.DIGIT8;
    }

    /** Keys that close an open chooser. */
    static boolean cancels(KeyCode key) {
        return key == KeyCode.ESCAPE || key == KeyCode.BACK_SPACE;
    }
}
