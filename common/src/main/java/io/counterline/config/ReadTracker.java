package io.counterline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hands a settings reader a {@link Config} that notes every path it reads, with its full path
 * however deep in {@code getConfig}/{@code getConfigList} it is asked. From that {@link ConfigFile}
 * knows which keys of the file nobody read (typos), and which key a failure was about.
 *
 * <p>It also refuses a duration without a unit: Typesafe Config reads {@code 6} as six
 * milliseconds, which nobody who writes {@code confirmation-time = 6} means.
 */
final class ReadTracker {
    private static final Pattern UNITLESS = Pattern.compile("\\s*[0-9.]+\\s*");

    private final List<String> reads = new ArrayList<>();
    private final List<String> entered = new ArrayList<>();
    private String failedAt;

    Config track(Config config) {
        return wrap(config, "");
    }

    /** Was {@code path} read, or a block holding it read whole? */
    synchronized boolean covers(String path) {
        return reads.stream().anyMatch(r -> FileKeys.within(path, r));
    }

    /** Did the reader go into {@code block} (ask for it or for anything in it)? */
    synchronized boolean entered(String block) {
        return entered.stream().anyMatch(p -> FileKeys.within(p, block))
                || reads.stream().anyMatch(p -> FileKeys.within(p, block));
    }

    /** Full paths read or entered, for suggestions. */
    synchronized List<String> seen() {
        List<String> all = new ArrayList<>(reads);
        all.addAll(entered);
        return all;
    }

    /** The full path a getter failed at, if the last failure came from a getter. */
    synchronized Optional<String> failedAt() {
        return Optional.ofNullable(failedAt);
    }

    /**
     * The full path of a key a reader named relative to the block it was reading: the most recent
     * read that is, or ends with, {@code relative}.
     */
    synchronized Optional<String> resolve(String relative) {
        for (int i = reads.size() - 1; i >= 0; i--) {
            String r = reads.get(i);
            if (FileKeys.endsWithKey(r, relative)) {
                return Optional.of(r);
            }
        }
        for (int i = entered.size() - 1; i >= 0; i--) {
            String e = entered.get(i);
            if (FileKeys.endsWithKey(e, relative)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private synchronized void read(String path) {
        reads.add(path);
    }

    private synchronized void enter(String path) {
        entered.add(path);
    }

    private synchronized void failed(String path) {
        failedAt = path;
    }

    private Config wrap(Config config, String prefix) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                new Tracking(config, prefix));
    }

    private final class Tracking implements InvocationHandler {
        private final Config delegate;
        private final String prefix;

        Tracking(Config delegate, String prefix) {
            this.delegate = delegate;
            this.prefix = prefix;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "tracked(" + prefix + ") " + delegate;
                };
            }
            String name = method.getName();
            String path = pathArgument(name, args);
            String full = path == null ? null : join(prefix, path);
            Object[] plain = unwrap(args);
            Object result;
            try {
                if (name.startsWith("getDuration") && path != null) {
                    refuseUnitless(path);
                }
                result = method.invoke(delegate, plain);
            } catch (InvocationTargetException e) {
                if (full != null && e.getCause() instanceof ConfigException) {
                    failed(full);
                }
                throw e.getCause();
            } catch (ConfigException e) {
                failed(full);
                throw e;
            }
            if (full == null) {
                return result instanceof Config c ? wrap(c, prefix) : result;
            }
            if (name.equals("getConfig")) {
                enter(full);
                return wrap((Config) result, full);
            }
            if (name.equals("getConfigList")) {
                enter(full);
                List<? extends Config> list = (List<? extends Config>) result;
                List<Config> wrapped = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    wrapped.add(wrap(list.get(i), full + "[" + i + "]"));
                }
                return wrapped;
            }
            if (name.startsWith("get")) {
                read(full);
            }
            return result;
        }

        private void refuseUnitless(String path) {
            if (!delegate.hasPath(path)) {
                return; // the getter says "missing" itself
            }
            ConfigValue value = delegate.getValue(path);
            boolean unitless = value.valueType() == ConfigValueType.NUMBER
                    || value.valueType() == ConfigValueType.STRING
                    && UNITLESS.matcher((String) value.unwrapped()).matches();
            if (unitless) {
                throw new ConfigException.BadValue(value.origin(), path, "'" + value.unwrapped()
                        + "' has no unit: write it as e.g. 6s, 500ms or 2m");
            }
        }

        private Object[] unwrap(Object[] args) {
            if (args == null) {
                return null;
            }
            Object[] plain = args.clone();
            for (int i = 0; i < plain.length; i++) {
                if (plain[i] != null && Proxy.isProxyClass(plain[i].getClass())
                        && Proxy.getInvocationHandler(plain[i]) instanceof Tracking t) {
                    plain[i] = t.delegate;
                }
            }
            return plain;
        }
    }

    /** The path a getter or {@code hasPath} is asked about: its first String argument. */
    private static String pathArgument(String method, Object[] args) {
        if (args == null || !(method.startsWith("get") || method.startsWith("has"))) {
            return null;
        }
        for (Object a : args) {
            if (a instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private static String join(String prefix, String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }
}
