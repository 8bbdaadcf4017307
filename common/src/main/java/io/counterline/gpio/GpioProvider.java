package io.counterline.gpio;

import com.typesafe.config.Config;

/**
 * Which Pi4J plugin drives the GPIO lines; config key {@code provider}, values {@code gpiod}
 * and {@code mock}. Chosen explicitly by configuration, never by sniffing the board.
 */
public enum GpioProvider {
    /** The Pi: libgpiod on {@code /dev/gpiochip*} (plugin {@code com.pi4j:pi4j-plugin-gpiod}). */
    GPIOD("gpiod-digital-input", "gpiod-digital-output", "linuxfs-spi", "com.pi4j:pi4j-plugin-gpiod"),
    /** In-memory lines for tests (plugin {@code com.pi4j:pi4j-plugin-mock}); ignores debounce and pulls. */
    MOCK("mock-digital-input", "mock-digital-output", "mock-spi", "com.pi4j:pi4j-plugin-mock");

    private final String inputProviderId;
    private final String outputProviderId;
    private final String spiProviderId;
    private final String artifact;

    GpioProvider(String inputProviderId, String outputProviderId, String spiProviderId, String artifact) {
        this.inputProviderId = inputProviderId;
        this.outputProviderId = outputProviderId;
        this.spiProviderId = spiProviderId;
        this.artifact = artifact;
    }

    /** The Pi4J id of the digital input provider, e.g. {@code gpiod-digital-input}. */
    public String inputProviderId() {
        return inputProviderId;
    }

    /** The Pi4J id of the digital output provider, e.g. {@code gpiod-digital-output}. */
    public String outputProviderId() {
        return outputProviderId;
    }

    /**
     * The Pi4J id of the SPI provider that goes with it (for SPI displays): {@code linuxfs-spi}
     * from {@code com.pi4j:pi4j-plugin-linuxfs} on the Pi, {@code mock-spi} in tests.
     */
    public String spiProviderId() {
        return spiProviderId;
    }

    /** The Maven artifact that must be on the class path for this provider. */
    public String artifact() {
        return artifact;
    }

    /**
     * Reads the required key {@code provider} of {@code config}.
     *
     * @throws com.typesafe.config.ConfigException naming the key if missing or not gpiod/mock
     */
    public static GpioProvider from(Config config) {
        config.getString("provider"); // a missing key fails here with Typesafe's own message
        return ConfigValues.lowerCaseEnum(config, "provider", "gpio", GpioProvider.class, null);
    }
}
