package io.tickstream.cli;

import io.tickstream.auth.ApiKey;
import io.tickstream.config.ConfigException;
import io.tickstream.config.ConfigFile;
import io.tickstream.server.Gateway;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the API keys of the configuration file again when the file changes (looked at twice a
 * second) or on SIGHUP, and hands them to the gateway, which ends the sessions of removed keys and
 * applies changed rights. A file that does not read is reported and the keys stay as they were.
 * Runs on a daemon thread of its own.
 */
final class ApiKeyReloader {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyReloader.class);
    private static final long CHECK_MILLIS = 500;

    private final Path configFile;
    private final List<ApiKey> alwaysKept;
    private final Gateway gateway;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread reloader = new Thread(runnable, "tickstream-key-reload");
        reloader.setDaemon(true);
        return reloader;
    });
    private FileTime lastModified;

    /** @param alwaysKept keys that do not come from the file (the demo key) and stay */
    ApiKeyReloader(Path configFile, List<ApiKey> alwaysKept, Gateway gateway) {
        this.configFile = configFile;
        this.alwaysKept = List.copyOf(alwaysKept);
        this.gateway = gateway;
    }

    void start() {
        lastModified = modified();
        thread.scheduleWithFixedDelay(this::reloadIfChanged, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        onHangup(() -> thread.execute(this::reload));
    }

    private void reloadIfChanged() {
        FileTime now = modified();
        if (now != null && !now.equals(lastModified)) {
            lastModified = now;
            reload();
        }
    }

    private void reload() {
        try {
            List<ApiKey> keys = new ArrayList<>(ConfigFile.load(configFile).build().apiKeys());
            keys.addAll(alwaysKept);
            gateway.reloadApiKeys(keys);
        } catch (ConfigException | RuntimeException e) {
            log.warn("API keys not reloaded, the previous ones stay: {}", e.getMessage());
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(configFile);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Runs {@code action} on each SIGHUP. Through {@code sun.misc.Signal} by reflection: it is the
     * JDK's one way to handle a signal, and naming it in code is a compiler warning this build treats as
     * an error. Where it is missing, SIGHUP keeps its default and only the file is watched.
     */
    private static void onHangup(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            InvocationHandler call = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                }
                return null;
            };
            Object hangupHandler = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, call);
            signal.getMethod("handle", signal, handler)
                    .invoke(null, signal.getConstructor(String.class).newInstance("HUP"), hangupHandler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("SIGHUP cannot be handled here ({}); the configuration file is still watched", e.toString());
        }
    }
}
