package io.counterline.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** Nagle off for every connection the bus makes, plain or TLS (docs/performance.md). */
class SocketFactoryTest {

    @Test
    void tcp_socket_hasNagleOff() throws Exception {
        try (Socket s = PahoMessageBus.socketFactory(BusSettings.of("tcp://127.0.0.1:1883", "kiosk-1",
                "kiosk-1-secret-0001")).createSocket()) {
            assertThat(s.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void ssl_socket_isTlsWithNagleOff() throws Exception {
        var factory = PahoMessageBus.socketFactory(BusSettings.of("ssl://127.0.0.1:8883", "kiosk-1",
                "kiosk-1-secret-0001"));
        // Paho refuses an ssl:// URI with a factory that is not an SSLSocketFactory.
        assertThat(factory).isInstanceOf(SSLSocketFactory.class);
        try (Socket s = factory.createSocket()) {
            assertThat(s).isInstanceOf(SSLSocket.class);
            assertThat(s.getTcpNoDelay()).isTrue();
        }
    }
}
