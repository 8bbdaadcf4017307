package io.counterline.pad;

import io.counterline.pad.keys.RatingKeyListener;
import io.counterline.pad.keys.RatingKeys;
import io.counterline.protocol.Health;
import io.counterline.protocol.RatingLevel;

/** Keys that are neither GPIO nor the simulator, for what the node does with "real" keys. */
final class FakeKeys implements RatingKeys {
    @Override
    public void setListener(RatingKeyListener listener) {
    }

    @Override
    public void showInvite() {
    }

    @Override
    public void showThanks(RatingLevel chosen) {
    }

    @Override
    public void off() {
    }

    @Override
    public Health health() {
        return Health.OK;
    }

    @Override
    public void close() {
    }
}
