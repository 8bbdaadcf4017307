package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.messaging.BusException;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: a device's request answered at once by a second Paho client that does nothing
 * but answer ("pong"), both over the bench's broker at QoS 1. Timed as the device's
 * {@code RequestClient} sees it: from {@code request()} until its future completes. Runs before
 * the branch server connects, because the pong uses the server's user (the only one the access
 * rules let answer a device).
 */
final class RoundTrip {
    private RoundTrip() {
    }

    static Samples measure(BenchBranch branch, Plan plan) throws Exception {
        MessageCodec codec = new MessageCodec();
        Topics topics = Topics.of(BenchBranch.BRANCH);
        try (PahoMessageBus pong = new PahoMessageBus(BusSettings.of(branch.brokerUri(), BenchBranch.SERVER,
                BenchBranch.secretOf(BenchBranch.SERVER)), Optional.empty());
             DeviceRuntime ping = branch.runtime("ping-1", DeviceRole.KIOSK)) {
            CompletableFuture<Void> pongUp = connected(pong);
            pong.subscribe(topics.allDevices(Topics.Channel.REQ), (topic, payload) -> {
                String device = topics.parseDevice(topic).orElseThrow().device();
                Decoded<Request> d = codec.decode(payload, Request.class, device);
                d.ifAccepted(r -> {
                    try {
                        pong.publish(topics.responses(device), codec.encode(Response.ok(r.id(), codec.emptyBody())),
                                false);
                    } catch (BusException e) {
                        throw new IllegalStateException("pong not sent", e);
                    }
                }, rejection -> { });
            });
            pong.start();
            Await.get(pongUp, "pong connection");
            Bodies.IssueTicket args = new Bodies.IssueTicket("A");
            Readiness.firstAnswer(ping, Operation.TICKET_ISSUE, args);
            for (int i = 0; i < plan.warmup() * 5; i++) {
                Await.get(ping.request(Operation.TICKET_ISSUE, args), "pong");
            }
            Samples samples = new Samples(plan.baselineSamples());
            for (int i = 0; i < plan.baselineSamples(); i++) {
                long t0 = System.nanoTime();
                Response r = Await.get(ping.request(Operation.TICKET_ISSUE, args), "pong");
                samples.add(System.nanoTime() - t0);
                if (!r.ok()) {
                    throw new BenchException("pong answered an error: " + r.error());
                }
            }
            return samples;
        }
    }

    private static CompletableFuture<Void> connected(MessageBus bus) {
        CompletableFuture<Void> up = new CompletableFuture<>();
        bus.addConnectionListener(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                up.complete(null);
            }

            @Override
            public void disconnected(String reason) {
            }
        });
        return up;
    }
}
