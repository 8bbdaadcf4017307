package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.MessageCodec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RatingArmsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private final MessageCodec codec = new MessageCodec();
    private final RatingArms arms = new RatingArms();

    private Command arm(String id, String pad) {
        return new Command(MessageCodec.VERSION, id, pad, CommandType.RATING_ARM, T0, codec.emptyBody());
    }

    @Test
    void onePerPad_ratedOrExpiredNoLongerOpen() {
        arms.armed(arm("a1", "pad1"), T0.plusSeconds(60));
        arms.armed(arm("a2", "pad1"), T0.plusSeconds(90));
        arms.armed(arm("b1", "pad2"), T0.plusSeconds(60));
        assertThat(arms.open(T0)).extracting(Command::id).containsExactly("a2", "b1");
        arms.rated("a2");
        assertThat(arms.open(T0)).extracting(Command::id).containsExactly("b1");
        assertThat(arms.open(T0.plusSeconds(60))).as("expired at its expiry").isEmpty();
    }
}
