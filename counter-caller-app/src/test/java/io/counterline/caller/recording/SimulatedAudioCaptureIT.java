package io.counterline.caller.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.testing.Binaries;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The demo's intercom: espeak-ng's speech, the teller on the left first, then the customer on the right. */
class SimulatedAudioCaptureIT {

    @Test
    void speech_tellerLeftThenCustomerRight_neverBothAtOnce() throws Exception {
        Binaries.require("espeak-ng", "espeak-ng");
        try (SimulatedAudioCapture capture = SimulatedAudioCapture.speech("您好，请问办理什么业务？", false)) {
            assertThat(capture.describe()).contains("espeak-ng");
            byte[] block = new byte[Pcm.BLOCK_BYTES];
            long leftEnergy = 0;
            long rightEnergy = 0;
            boolean rightBeforeLeftEnds = false;
            int blocks = 0;
            long leftLastBlock = -1;
            // One loop is a few seconds: read 20 s to be sure to have passed through it.
            for (int i = 0; i < 200; i++) {
                capture.read(block);
                ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
                long l = 0;
                long r = 0;
                while (b.hasRemaining()) {
                    l += Math.abs(b.getShort());
                    r += Math.abs(b.getShort());
                }
                assertThat(l == 0 || r == 0).as("one side speaks at a time, block " + i).isTrue();
                if (l > 0) {
                    leftLastBlock = i;
                }
                if (r > 0 && leftLastBlock < 0) {
                    rightBeforeLeftEnds = true;
                }
                leftEnergy += l;
                rightEnergy += r;
                blocks++;
            }
            assertThat(blocks).isEqualTo(200);
            assertThat(leftEnergy).isPositive();
            assertThat(rightEnergy).isPositive();
            assertThat(rightBeforeLeftEnds).as("the teller speaks first").isFalse();
        }
    }
}
