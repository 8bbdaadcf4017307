package io.counterline.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;
import com.pi4j.platform.Platform;
import com.pi4j.provider.Provider;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one Pi4J {@link Context} of an app.
 *
 * <p>The context holds exactly the digital input and output providers of the configured
 * {@link GpioProvider}: no platform or provider auto-detection, so a laptop never silently gets
 * mock lines and a Pi never silently gets anything but gpiod. Common compiles against
 * {@code pi4j-core} only; the providers are found through Pi4J's own plugin service
 * ({@code META-INF/services/com.pi4j.extension.Plugin}) by their ids, so each app ships the
 * gpiod plugin and only tests carry the mock plugin.
 *
 * <p>On the Pi, gpiod needs {@code /dev/gpiochip0} (Raspberry Pi OS bookworm: the chip labelled
 * {@code pinctrl-*}), readable and writable by the app's user: add the user to group
 * {@code gpio}. Two apps on one Pi each have their own context and must use different pins.
 */
public final class Gpio {
    private static final Logger log = LoggerFactory.getLogger(Gpio.class);

    private Gpio() {
    }

    /**
     * A new context with exactly {@code provider}'s digital input and output providers, and its
     * SPI provider when that plugin is on the class path (an app with an SPI display ships it).
     * The caller owns it and calls {@link Context#shutdown()} when the app stops.
     *
     * @throws IllegalStateException if the provider's plugin is not on the class path, or Pi4J
     *                               cannot start it (gpiod off a Pi, no access to the GPIO chip)
     */
    public static Context newContext(GpioProvider provider) {
        Map<String, Provider<?, ?, ?>> available = availableProviders();
        Provider<?, ?, ?> input = available.get(provider.inputProviderId());
        Provider<?, ?, ?> output = available.get(provider.outputProviderId());
        if (input == null || output == null) {
            throw new IllegalStateException("GPIO provider " + ConfigValues.lowerCase(provider)
                    + " needs " + provider.artifact() + " on the class path; found providers "
                    + available.keySet());
        }
        try {
            Provider<?, ?, ?> spi = available.get(provider.spiProviderId());
            Context context = spi == null ? Pi4J.newContextBuilder().noAutoDetect().add(input, output).build()
                    : Pi4J.newContextBuilder().noAutoDetect().add(input, output, spi).build();
            log.info("GPIO through Pi4J providers {} and {}{}", input.id(), output.id(),
                    spi == null ? "" : ", SPI through " + spi.id());
            return context;
        } catch (RuntimeException e) {
            throw new IllegalStateException("GPIO provider " + ConfigValues.lowerCase(provider)
                    + " failed to start (on a Pi: is the user in group gpio, is /dev/gpiochip0 there?): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Every provider the Pi4J plugins on the class path offer, by id; nothing is started. Some
     * plugins (linuxfs) read the context's properties while registering, so they get an empty
     * context of their own, shut down afterwards.
     */
    private static Map<String, Provider<?, ?, ?>> availableProviders() {
        Map<String, Provider<?, ?, ?>> found = new HashMap<>();
        Context empty = Pi4J.newContextBuilder().noAutoDetect().build();
        PluginService collector = new PluginService() {
            @Override
            public Context context() {
                return empty;
            }

            @Override
            @SuppressWarnings("rawtypes") // as Pi4J's interface declares it
            public PluginService register(Provider... providers) {
                for (Provider<?, ?, ?> p : providers) {
                    found.put(p.id(), p);
                }
                return this;
            }

            @Override
            public PluginService register(Platform... platforms) {
                return this;
            }
        };
        try {
            for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
                plugin.initialize(collector);
            }
        } finally {
            empty.shutdown();
        }
        return found;
    }
}
