package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
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

    static Response askNow(DeviceRuntime device, Operation op, Object args) throws BenchException {
        return Await.get(ask(device, op, args), op.wire() + " answer");
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
