package io.counterline.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.BranchDirectory;
import io.counterline.console.Console;
import io.counterline.console.ConsoleSettings;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.report.BranchHistory;
import io.counterline.console.report.FakeBranchHistory;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console with a keystore: HTTPS only, the session cookie Secure, HSTS sent. */
class ConsoleHttpsIT {
    @TempDir
    Path dir;

    private static final BranchHistory EMPTY = FakeBranchHistory.empty();

    @Test
    void withAKeystore_signInSetsASecureHttpOnlyStrictCookie_overTls() throws Exception {
        Path keystore = dir.resolve("console.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "console", "-keyalg", "EC",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit-123").inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("keytool made a keystore").isTrue();

        ConsoleSettings settings = new ConsoleSettings("127.0.0.1", 0, Optional.of(keystore), "changeit-123",
                dir.resolve("console.db"), ConsoleSettings.DEFAULT_FONT, Duration.ofSeconds(15));
        BranchDirectory directory = new BranchDirectory("b001", "测试支行", ZoneId.of("Asia/Shanghai"), List.of(),
                List.of(), List.of());
        try (Console console = Console.start(settings, directory, EMPTY, Clock.systemUTC())) {
            console.users().add("test", "local", "anna", "Anna", Role.ADMIN, Scope.BRANCH, Optional.empty(), "en",
                    "a-long-password").join();
            assertThat(console.url()).startsWith("https://127.0.0.1:");

            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(keystore.toFile())) {
                trust.load(in, "changeit-123".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();

            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(console.url() + "login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(form.headers().firstValue("Strict-Transport-Security")).isPresent();
            String csrf = form.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(console.url() + "login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&login=anna&password=a-long-password"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("cl_session=").contains("HttpOnly").contains("SameSite=Strict").contains("Secure"));

            // Plain HTTP on the same port is not served.
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI http = URI.create(console.url().replace("https://", "http://") + "login");
            int status;
            try {
                status = plain.send(HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException e) {
                status = -1;
            }
            assertThat(status).isNotEqualTo(200);
        }
    }
}
