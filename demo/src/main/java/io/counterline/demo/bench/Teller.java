package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.messaging.BusException;
import io.counterline.messaging.RequestClient;
import io.counterline.messaging.RequestClient.RequestTimeoutException;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Raw requests to the branch server, as a device sends them, that fail the bench when refused. */
final class Teller {
    private static final String EXPIRED = "EXPIRED";
    private Teller() {
    }

    /** Sends and returns the future answer, failing it when the server refused. */
    static CompletableFuture<Response> ask(DeviceRuntime device, Operation op, Object args) {
        return device.request(op, args).thenCompose(r -> r.ok() ? CompletableFuture.completedFuture(r)
                : CompletableFuture.failedFuture(new BenchException(op.wire() + " refused: " + r.error())));
    }

    /**
     * Asks and waits for the answer as a device does: when the connection is down it waits for it
     * and sends again (the request never left); when the answer does not come it asks what became
     * of the request ({@code RequestClient.askAgain}: same id, same deadline, so the server acts at
     * most once and never late); when the server says it expired unacted, it asks anew. A few
     * times at most.
     */
    static Response askNow(DeviceRuntime device, Operation op, Object args) throws BenchException {
        Duration timeout = device.settings().requestTimeout();
        String id = UUID.randomUUID().toString();
        boolean out = false; // sent and unanswered: the next attempt asks what became of it
        BenchException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Await.get(Connections.up(device), device.settings().id() + " connection");
            try {
                Response r = Await.get(out ? device.requests().askAgain(id, timeout)
                        : device.requests().send(id, op, args, timeout), op.wire() + " answer");
                if (!r.ok() && EXPIRED.equals(r.error().code())) {
                    id = UUID.randomUUID().toString(); // nothing was done: a new request
                    out = false;
                    last = new BenchException(op.wire() + " expired unacted: " + r.error());
                    continue;
                }
                if (!r.ok()) {
                    throw new BenchException(op.wire() + " refused: " + r.error());
                }
                return r;
            } catch (BenchException e) {
                if (e.getCause() instanceof RequestTimeoutException) {
                    out = true;
                } else if (e.getCause() instanceof RequestClient.NotRememberedException) {
                    out = false; // its answer came meanwhile, to nobody: the same id gets it again
                } else if (!(e.getCause() instanceof BusException)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Issues a ticket of {@code service} from {@code kiosk}; returns its number ("A012"). */
    static String issue(DeviceRuntime kiosk, String service) throws BenchException {
        Response r = askNow(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket(service));
        return kiosk.codec().decodeBody(r.result(), Bodies.IssuedTicket.class).orThrow().ticket().number();
    }

    static void signIn(DeviceRuntime caller, String teller) throws BenchException {
        askNow(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn(teller, BenchBranch.PIN));
    }
}
