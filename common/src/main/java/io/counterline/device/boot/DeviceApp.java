package io.counterline.device.boot;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.counterline.config.ConfigKeys;

/**
 * One device app as {@link DeviceMain} starts it. The app keeps its own composition root in
 * {@link #run}; the bootstrap gives it a config that has been read and checked whole, and the one
 * {@link Shutdown} list.
 *
 * @param <S> the app's whole settings (device, broker and its own blocks), read by {@link #read}
 */
public interface DeviceApp<S> {

    /** The command name, e.g. {@code kiosk}, for usage, messages and the log. */
    String name();

    /**
     * Reads and validates the whole config: every block the app will use, so that nothing is read
     * later. Throws a {@code ConfigException} or an {@code IllegalArgumentException} naming the key.
     */
    S read(Config config);

    /** Blocks read only for some choices, and renamed keys. */
    default ConfigKeys keys() {
        return ConfigKeys.NONE;
    }

    /** What the file is read over: the {@code reference.conf} files on the class path. */
    default Config defaults() {
        return ConfigFactory.defaultReference();
    }

    /**
     * Starts the app and returns when it should stop (its window was closed), or blocks on
     * {@link Shutdown#await()} when it has no window. Add every started part to {@code shutdown}
     * (the device runtime first) right after starting it; the bootstrap closes them.
     */
    void run(S settings, Shutdown shutdown) throws Exception;
}
