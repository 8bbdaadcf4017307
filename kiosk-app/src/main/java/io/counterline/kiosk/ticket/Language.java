package io.counterline.kiosk.ticket;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Locale;

/** The language the kiosk screen speaks; slips are always printed in both. */
public enum Language {
    ZH, EN;

    public Language other() {
        return this == ZH ? EN : ZH;
    }

    /** Reads {@code key} as {@code zh} or {@code en}. */
    public static Language of(Config c, String key) {
        String value = c.getString(key).trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(c.origin(), key, "'" + c.getString(key) + "' is not zh or en");
        }
    }
}
