package io.counterline.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {
    private static final Instant DEADLINE = Instant.parse("2026-11-22T02:30:01.500Z");
    private final MessageCodec codec = new MessageCodec();

    private Request decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), Request.class).orThrow();
    }

    @Test
    void decode_requestWithoutDeadline_acceptedAndNeverExpires() {
        Request r = decode("{\"v\":1,\"id\":\"r-1\",\"op\":\"ticket.issue\",\"args\":{\"service\":\"A\"}}");

        assertThat(r.deadline()).isNull();
        assertThat(r.expiredAt(Instant.parse("2100-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void encode_requestWithDeadline_carriesItAsAnIsoInstantAndDecodesBack() {
        Request sent = Request.of("r-1", Operation.BLOCK_LEASE, codec.emptyBody().put("service", "A"), DEADLINE);

        String json = new String(codec.encode(sent), StandardCharsets.UTF_8);

        assertThat(json).contains("\"deadline\":\"2026-11-22T02:30:01.500Z\"");
        assertThat(decode(json)).isEqualTo(sent);
    }

    @Test
    void encode_requestWithoutDeadline_hasNoDeadlineField() {
        String json = new String(codec.encode(Request.of("r-1", Operation.CALL_NEXT, codec.emptyBody())),
                StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("deadline");
    }

    @Test
    void expiredAt_withinTheClockAllowance_notExpired_afterIt_expired() {
        Request r = Request.of("r-1", Operation.CALL_NEXT, codec.emptyBody(), DEADLINE);

        assertThat(r.expiredAt(DEADLINE)).isFalse();
        assertThat(r.expiredAt(DEADLINE.plus(Request.CLOCK_ALLOWANCE))).isFalse();
        assertThat(r.expiredAt(DEADLINE.plus(Request.CLOCK_ALLOWANCE).plusMillis(1))).isTrue();
    }

    @Test
    void expiredAt_deadlineAtTheEndOfTime_neverExpiresAndDoesNotOverflow() {
        Request r = Request.of("r-1", Operation.CALL_NEXT, codec.emptyBody(), Instant.MAX);

        assertThat(r.expiredAt(Instant.parse("2026-11-22T02:30:00Z"))).isFalse();
    }
}
