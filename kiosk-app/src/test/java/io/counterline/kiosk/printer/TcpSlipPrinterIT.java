package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ESC/POS printer over TCP to a loopback server acting as a network printer's port 9100. */
class TcpSlipPrinterIT {
    private final FakeEscPosPrinter fake = new FakeEscPosPrinter();
    private NetworkPrinter network;
    private SlipPrinter printer;

    @BeforeEach
    void start() throws IOException {
        network = new NetworkPrinter(0);
        printer = SlipPrinters.open(PrinterSettings.from(ConfigFactory.parseString(
                "link = tcp, tcp.host = \"127.0.0.1\", tcp.port = " + network.port()
                        + ", tcp.connect-timeout = 1s, status-timeout = 300ms, columns = 32")));
    }

    @AfterEach
    void stop() throws Exception {
        printer.close();
        network.close();
    }

    @Test
    void print_printerListening_bytesReceivedAndDecoded() throws Exception {
        printer.print(Slips.chinese("A012"));

        EscPosReader printed = fake.printed();
        assertThat(printed.line("A012").bold()).isTrue();
        assertThat(printed.texts()).contains("中关村支行", "Personal Banking");
        assertThat(printed.qrCodes()).containsExactly("T-20261122-A012");
        assertThat(printed.cuts()).isEqualTo(1);
    }

    @Test
    void print_printerSwitchedOffThenOn_clearFailureThenPrints() throws Exception {
        printer.print(Slips.chinese("A012"));
        int port = network.port();
        network.close();

        assertThatThrownBy(() -> printer.print(Slips.chinese("A013")))
                .isInstanceOf(PrintException.class)
                .hasMessageContaining("slip A013 not printed: cannot connect to 127.0.0.1:" + port);
        assertThat(printer.status().condition()).isEqualTo(PrinterStatus.Condition.OFFLINE);

        fake.forget();
        network = new NetworkPrinter(port);
        printer.print(Slips.chinese("A014"));

        assertThat(fake.printed().texts()).contains("A014").doesNotContain("A013");
        assertThat(fake.printed().cuts()).isEqualTo(1);
    }

    @Test
    void print_printerDroppedTheConnectionButListens_reconnectsAndPrintsOnce() throws Exception {
        printer.print(Slips.chinese("A012"));
        network.dropConnections();
        fake.forget();

        printer.print(Slips.chinese("A013"));

        assertThat(fake.printed().texts()).contains("A013");
        assertThat(fake.printed().cuts()).isEqualTo(1);
    }

    @Test
    void print_statusReadsOffAndPrinterRestarted_firstSlipReachesThePrinter() throws Exception {
        SlipPrinter oneWay = SlipPrinters.open(PrinterSettings.from(ConfigFactory.parseString(
                "link = tcp, tcp.host = \"127.0.0.1\", tcp.port = " + network.port()
                        + ", tcp.connect-timeout = 1s, status-timeout = 300ms, columns = 32, read-status = false")));
        try {
            oneWay.print(Slips.chinese("A012"));
            await().atMost(Duration.ofSeconds(5)).until(() -> fake.printed().cuts() == 1);
            int port = network.port();
            network.close(); // switched off: the printer's end of the connection is gone
            fake.forget();
            network = new NetworkPrinter(port); // and on again

            oneWay.print(Slips.chinese("A013"));

            await().atMost(Duration.ofSeconds(5)).until(() -> fake.printed().cuts() == 1);
            assertThat(fake.printed().texts()).contains("A013");
        } finally {
            oneWay.close();
        }
    }

    @Test
    void print_printerHangsUpAfterEachJob_slipReportedPrintedAndNextOnePrints() throws Exception {
        fake.hangUpAfterCut = true;

        printer.print(Slips.chinese("A012"));
        printer.print(Slips.chinese("A013"));

        assertThat(fake.printed().texts()).contains("A012", "A013");
        assertThat(fake.printed().cuts()).isEqualTo(2);
        assertThat(printer.status()).isEqualTo(PrinterStatus.READY);
    }

    @Test
    void print_paperEndsDuringTheSlip_reportedIncomplete() {
        fake.paperOutAtCut = true;

        assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                .isInstanceOf(PrintException.class).hasMessageContaining("may be incomplete: paper out");
    }

    /** A listening socket on 127.0.0.1 that hands each connection to the fake printer. */
    private final class NetworkPrinter implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;
        private volatile Socket connection;

        NetworkPrinter(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true); // come back on the same port, as a restarted printer does
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            acceptor = new Thread(this::accept, "fake-network-printer");
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connection = socket;
                    fake.serve(socket.getInputStream(), socket.getOutputStream(), server::isClosed);
                } catch (IOException closed) {
                    // the server or the connection was closed by the test: next or done
                }
                connection = null;
            }
        }

        /**
         * Closes the connection and waits until the fake has stopped reading it: a read in
         * progress could otherwise still take a byte or two sent after the close.
         */
        void dropConnections() throws IOException {
            Socket current = connection;
            if (current != null) {
                current.close();
                await().atMost(Duration.ofSeconds(5)).until(() -> connection != current);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            dropConnections();
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
