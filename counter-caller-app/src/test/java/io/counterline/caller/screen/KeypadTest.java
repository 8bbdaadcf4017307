package io.counterline.caller.screen;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.caller.teller.TellerAction;
import java.util.OptionalInt;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class KeypadTest {
    @Test
    void action_keypadKeys_mapToTheDocumentedActions() {
        assertThat(Keypad.action(KeyCode.ENTER)).contains(TellerAction.CALL_NEXT);
        assertThat(Keypad.action(KeyCode.ADD)).contains(TellerAction.CALL_NEXT);
        assertThat(Keypad.action(KeyCode.DECIMAL)).contains(TellerAction.RECALL);
        assertThat(Keypad.action(KeyCode.MULTIPLY)).contains(TellerAction.START);
        assertThat(Keypad.action(KeyCode.DIVIDE)).contains(TellerAction.COMPLETE);
        assertThat(Keypad.action(KeyCode.SUBTRACT)).contains(TellerAction.NO_SHOW);
        assertThat(Keypad.action(KeyCode.NUMPAD9)).contains(TellerAction.TRANSFER);
        assertThat(Keypad.action(KeyCode.NUMPAD0)).contains(TellerAction.PAUSE);
        assertThat(Keypad.action(KeyCode.NUMPAD5)).isEmpty();
        assertThat(Keypad.action(KeyCode.A)).isEmpty();
    }

    @Test
    void choice_digitKeys_oneToNine() {
        assertThat(Keypad.choice(KeyCode.NUMPAD1)).isEqualTo(OptionalInt.of(1));
        assertThat(Keypad.choice(KeyCode.NUMPAD9)).isEqualTo(OptionalInt.of(9));
        assertThat(Keypad.choice(KeyCode.DIGIT4)).isEqualTo(OptionalInt.of(4));
        assertThat(Keypad.choice(KeyCode.NUMPAD0)).isEmpty();
        assertThat(Keypad.choice(KeyCode.ENTER)).isEmpty();
        assertThat(Keypad.cancels(KeyCode.ESCAPE)).isTrue();
    }
}
