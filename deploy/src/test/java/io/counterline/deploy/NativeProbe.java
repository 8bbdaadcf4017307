package io.counterline.deploy;

import com.fazecast.jSerialComm.SerialPort;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run by Arm64SmokeIT inside the arm64 JVM (under qemu) with a package's libraries: loads the
 * native code of sqlite-jdbc, jSerialComm and Pi4J's gpiod library and prints one line each.
 * A library whose native part does not load fails with UnsatisfiedLinkError (exit status 1).
 */
public final class NativeProbe {
    private NativeProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("os.arch " + System.getProperty("os.arch"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select sqlite_version()")) {
            r.next();
            System.out.println("sqlite " + r.getString(1) + " native " + org.sqlite.SQLiteJDBCLoader.isNativeMode());
        }
        // Listing ports is native code (jSerialComm loads its library for it).
        System.out.println("jSerialComm " + SerialPort.getVersion() + " ports " + SerialPort.getCommPorts().length);
        // Pi4J's own loader skips its libraries when it cannot tell the board (no Raspberry Pi
        // model in /proc/device-tree under qemu), so load the jar's aarch64 libraries the same
        // way it does on a Pi: extracted, libgpiod first. Opening a chip that is not there then
        // runs Pi4J's native code, which answers with an exception of its own.
        Class<?> gpiod = Class.forName("com.pi4j.library.gpiod.internal.GpioD");
        Path libs = Files.createTempDirectory("gpiod");
        for (String name : new String[] {"libgpiod.so", "libpi4j-gpiod.so"}) {
            Path lib = libs.resolve(name);
            try (InputStream in = gpiod.getResourceAsStream("/lib/aarch64/pi4j-gpiod/" + name)) {
                Files.copy(in, lib);
            }
            System.load(lib.toString());
        }
        Method open = gpiod.getDeclaredMethod("chipOpen", String.class);
        open.setAccessible(true);
        try {
            open.invoke(null, "/dev/gpiochip-none");
            System.out.println("gpiod native (chip opened?)");
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UnsatisfiedLinkError link) {
                throw link;
            }
            System.out.println("gpiod native: " + e.getCause().getClass().getSimpleName());
        }
    }
}
