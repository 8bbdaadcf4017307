package io.counterline.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.config.BadConfig;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.testing.TestBranch;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional head-office block, read and checked with the rest of the branch file. */
class UplinkSettingsTest {
    @TempDir
    Path dir;

    private BranchConfig load(String headOffice) {
        return BranchConfig.load(new TestBranch(dir).extra(headOffice).write());
    }

    @Test
    void noBlock_noUplink() {
        assertThat(load("").headOffice()).isEmpty();
    }

    @Test
    void block_readWithDefaults() {
        UplinkSettings s = load("head-office { uri = \"ssl://hq.example:8883\", secret = \"branch-secret-123\" }")
                .headOffice().orElseThrow();
        assertThat(s.uri()).isEqualTo("ssl://hq.example:8883");
        assertThat(s.secret()).isEqualTo("branch-secret-123");
        assertThat(s.capacity()).isEqualTo(UplinkSettings.DEFAULT_CAPACITY);
        assertThat(s.reconnectMax()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.toString()).doesNotContain("branch-secret-123");
    }

    @Test
    void badValueOrUnknownKey_failsNamingTheKey() {
        assertThatThrownBy(() -> load("head-office { uri = \"http://hq\", secret = \"branch-secret-123\" }"))
                .isInstanceOf(BadConfig.class).hasMessageContaining("head-office.uri");
        assertThatThrownBy(() -> load("head-office { uri = \"tcp://hq:1883\", secret = \"short\" }"))
                .isInstanceOf(BadConfig.class).hasMessageContaining("head-office.secret");
        assertThatThrownBy(() -> load("head-office { uri = \"tcp://hq:1883\", secret = \"branch-secret-123\","
                + " outbox-capacty = 10 }"))
                .isInstanceOf(BadConfig.class).hasMessageContaining("outbox-capacty");
    }
}
