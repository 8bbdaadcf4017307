package io.counterline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinHashTest {
    @Test
    void hash_matchesOnlyItsPin_andHidesIt() {
        String encoded = PinHash.hash("2468");
        assertThat(encoded).startsWith("pbkdf2-sha256$10000$").doesNotContain("2468");
        assertThat(PinHash.parse(encoded).matches("2468")).isTrue();
        assertThat(PinHash.parse(encoded).matches("2469")).isFalse();
        assertThat(PinHash.parse(encoded).matches(null)).isFalse();
        assertThat(PinHash.hash("2468")).as("salted").isNotEqualTo(encoded);
    }

    @Test
    void parse_plainPinOrGarbage_isRefusedWithAHint() {
        assertThat(PinHash.isHash("1234")).isFalse();
        assertThatThrownBy(() -> PinHash.parse("1234")).hasMessageContaining("hash-pin");
        assertThatThrownBy(() -> PinHash.parse("pbkdf2-sha256$x$AA==$AA==")).hasMessageContaining("not a PIN hash");
        assertThatThrownBy(() -> PinHash.parse("pbkdf2-sha256$10$AA==$AA==")).hasMessageContaining("1000 iterations");
    }
}
