package io.counterline.server.console;

import io.counterline.protocol.Command;
import io.counterline.server.queue.Outbound;

/**
 * An outbound between the engine and the bus that looks at (or completes) the state records on
 * their way out; commands pass to {@code next} untouched.
 */
abstract class StateTap implements Outbound {
    protected final Outbound next;

    StateTap(Outbound next) {
        this.next = next;
    }

    @Override
    public final void command(Command command, boolean retained) {
        next.command(command, retained);
    }

    @Override
    public final void clearCommand(String device) {
        next.clearCommand(device);
    }
}
