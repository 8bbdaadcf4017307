package io.counterline.server.broker;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a client's Last Will under the same {@link AccessRules} as its publishes, on the embedded
 * broker. Moquette 0.17 neither checks a Will's topic against its authorizer nor retains a Will
 * (it hands the Will straight to the current subscribers), so a rating pad could make the broker
 * publish on the kiosk's request topic, and a late subscriber saw {@code online: true} for a dead
 * device.
 *
 * <p>This handler sits in each connection's Netty pipeline just before Moquette's own and:
 * <ul>
 *   <li>refuses a CONNECT whose Will topic the user may not publish to, with CONNACK "not
 *       authorized" (5), as Mosquitto does;</li>
 *   <li>takes an allowed Will out of the CONNECT, so Moquette never fires it, and publishes it
 *       itself, with the client's retain flag, when the connection ends without DISCONNECT and
 *       the client has not connected again meanwhile (a device back online already said so);</li>
 *   <li>vouches for the CONNECTs it has checked ({@link #checked}), so the authenticator can refuse
 *       one that reached Moquette some other way.</li>
 * </ul>
 * Runs on Netty's event loop; shared by all connections.
 */
@ChannelHandler.Sharable
final class WillGuard extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(WillGuard.class);
    private static final AttributeKey<PendingWill> WILL = AttributeKey.valueOf("counterline.will");
    private static final AttributeKey<String> CLIENT = AttributeKey.valueOf("counterline.client");
    /** The client id whose CONNECT this thread is handing to Moquette right now. */
    private static final ThreadLocal<String> CHECKING = new ThreadLocal<>();

    private final AccessRules rules;
    private final BiConsumer<MqttPublishMessage, String> publisher;
    /** The connection each client id holds now, to tell a dropped connection from a replaced one. */
    private final Map<String, Channel> current = new ConcurrentHashMap<>();

    /** A Will held back from Moquette until the connection ends. */
    private record PendingWill(String topic, byte[] payload, MqttQoS qos, boolean retained) {
    }

    /**
     * @param publisher publishes a message as the broker, retained if the message says so
     *                  (Moquette's {@code Server.internalPublish})
     */
    WillGuard(AccessRules rules, BiConsumer<MqttPublishMessage, String> publisher) {
        this.rules = rules;
        this.publisher = publisher;
    }

    /** Whether {@code clientId}'s CONNECT passed this guard on the calling thread (for the authenticator). */
    static boolean checked(String clientId) {
        return clientId != null && clientId.equals(CHECKING.get());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof MqttConnectMessage connect) {
            onConnect(ctx, connect);
            return;
        }
        if (msg instanceof MqttMessage m && m.fixedHeader() != null
                && m.fixedHeader().messageType() == MqttMessageType.DISCONNECT) {
            // A clean goodbye: MQTT 3.1.1 §3.14.4, the Will is discarded.
            ctx.channel().attr(WILL).set(null);
        }
        super.channelRead(ctx, msg);
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) throws Exception {
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        String user = payload.userName();
        String clientId = payload.clientIdentifier();
        MqttConnectMessage forward = connect;
        if (header.isWillFlag()) {
            if (!rules.canPublish(user, payload.willTopic())) {
                log.warn("refused: {} connecting with a Will on {}", user, payload.willTopic());
                ctx.writeAndFlush(MqttMessageBuilders.connAck()
                        .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED).build());
                ctx.close();
                return;
            }
            ctx.channel().attr(WILL).set(new PendingWill(payload.willTopic(), payload.willMessageInBytes(),
                    MqttQoS.valueOf(header.willQos()), header.isWillRetain()));
            forward = withoutWill(connect);
        }
        ctx.channel().attr(CLIENT).set(clientId);
        CHECKING.set(clientId);
        try {
            // Moquette authenticates synchronously inside this call, on this thread.
            super.channelRead(ctx, forward);
        } finally {
            CHECKING.remove();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof MqttConnAckMessage ack) {
            String clientId = ctx.channel().attr(CLIENT).get();
            if (ack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED
                    && clientId != null) {
                current.put(clientId, ctx.channel());
            } else {
                ctx.channel().attr(WILL).set(null);
            }
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String clientId = ctx.channel().attr(CLIENT).get();
        PendingWill will = ctx.channel().attr(WILL).getAndSet(null);
        boolean stillCurrent = clientId != null && current.remove(clientId, ctx.channel());
        if (will != null && stillCurrent) {
            publisher.accept(MqttMessageBuilders.publish()
                    .topicName(will.topic())
                    .qos(will.qos())
                    .retained(will.retained())
                    .payload(Unpooled.wrappedBuffer(will.payload()))
                    .build(), clientId);
        }
        super.channelInactive(ctx);
    }

    private static MqttConnectMessage withoutWill(MqttConnectMessage m) {
        MqttConnectVariableHeader h = m.variableHeader();
        MqttConnectPayload p = m.payload();
        return new MqttConnectMessage(m.fixedHeader(),
                new MqttConnectVariableHeader(h.name(), h.version(), h.hasUserName(), h.hasPassword(),
                        false, 0, false, h.isCleanSession(), h.keepAliveTimeSeconds(), h.properties()),
                new MqttConnectPayload(p.clientIdentifier(), p.willProperties(), null, (byte[]) null,
                        p.userName(), p.passwordInBytes()));
    }
}
