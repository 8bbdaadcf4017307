package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.messaging.BusException;
import io.counterline.messaging.RequestClient.RequestTimeoutException;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Raw requests to the branch server, as a device sends them, that fail the bench when refused. */
final class Teller {
    private Teller() {
    }

    /** Sends and returns the future answer, failing it when the server refused. */
    static CompletableFuture<Response> ask(DeviceRuntime device, Operation op, Object args) {
        return device.request(op, args).thenCompose(r -> r.ok() ? CompletableFuture.completedFuture(r)
                : CompletableFuture.failedFuture(new BenchException(op.wire() + " refused: " + r.error())));
    }

    /**
     * Asks and waits for the answer as a device does: when the connection is down or the answer
     * does not come, it waits for the connection and asks again with the same id (the server
     * answers a repeated id once), a few times at most.
     */
    static Response askNow(DeviceRuntime device, Operation op, Object args) throws BenchException {
        String id = UUID.randomUUID().toString();
        BenchException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Await.get(Connections.up(device), device.settings().id() + " connection");
            try {
                Response r = Await.get(device.requests().send(id, op, args, device.settings().requestTimeout()),
                        op.wire() + " answer");
                if (!r.ok()) {
                    throw new BenchException(op.wire() + " refused: " + r.error());
                }
                return r;
            } catch (BenchException e) {
                if (!(e.getCause() instanceof BusException || e.getCause() instanceof RequestTimeoutException)) {
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
