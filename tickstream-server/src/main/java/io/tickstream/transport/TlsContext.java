package io.tickstream.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port's TLS: a server context from a PEM certificate chain and key, made with OpenSSL
 * (BoringSSL, through netty-tcnative) where it loads and the JDK's engine otherwise. The files are
 * looked at every second and read again when they change, so a renewed certificate serves new
 * connections without a restart; a pair that does not read is reported and the previous one stays.
 * With OpenSSL and an RSA key (PKCS#8) the handshake's signature is made by {@link TlsSigner} as a
 * delegated task, so that it runs where the caller's executor runs it; an EC key's signature is cheap
 * enough for OpenSSL to make on the loop. Thread-safe.
 */
public final class TlsContext implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TlsContext.class);

    private final Path certFile;
    private final Path keyFile;
    private final SslProvider provider;
    private volatile SslContext context;
    private FileTime certModified;
    private FileTime keyModified;
    private ScheduledFuture<?> watch;

    private TlsContext(Path certFile, Path keyFile, boolean preferOpenSsl) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.provider = preferOpenSsl && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        this.context = load();
        log.info("TLS on: {} engine, certificate {}", provider == SslProvider.OPENSSL
                ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK", certFile);
    }

    /**
     * Reads the pair now; fails with the reason when it does not read.
     *
     * @param preferOpenSsl OpenSSL where it loads (the default); false for the JDK's engine
     */
    public static TlsContext of(Path certFile, Path keyFile, boolean preferOpenSsl) {
        return new TlsContext(certFile, keyFile, preferOpenSsl);
    }

    /** Starts reading the files again whenever they change. */
    public synchronized void watch(ScheduledExecutorService scheduler) {
        watch = scheduler.scheduleWithFixedDelay(this::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    /** A TLS stage for a new connection, with the current certificate, its costly work run by {@code handshakes}. */
    SslHandler newHandler(ByteBufAllocator alloc, Executor handshakes) {
        return context.newHandler(alloc, handshakes);
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private synchronized void reloadIfChanged() {
        FileTime cert = modified(certFile);
        FileTime key = modified(keyFile);
        if (cert == null || key == null || cert.equals(certModified) && key.equals(keyModified)) {
            return;
        }
        try {
            context = load();
            log.info("TLS certificate {} read again", certFile);
        } catch (RuntimeException e) {
            log.warn("TLS certificate {} changed but does not read, the previous one stays: {}", certFile, e.getMessage());
        }
    }

    private synchronized SslContext load() {
        FileTime cert = modified(certFile);
        FileTime key = modified(keyFile);
        try {
            TlsSigner signer = provider == SslProvider.OPENSSL ? TlsSigner.of(keyFile, certFile) : null;
            SslContextBuilder builder;
            if (signer != null) {
                // keyless: OpenSSL holds the chain only and asks the signer for every signature
                builder = SslContextBuilder.forServer(OpenSslX509KeyManagerFactory.newKeyless(certFile.toFile()))
                        .option(OpenSslContextOption.USE_TASKS, true)
                        .option(OpenSslContextOption.PRIVATE_KEY_METHOD, signer);
            } else {
                if (provider == SslProvider.OPENSSL && Files.readString(keyFile).contains("BEGIN RSA PRIVATE KEY")) {
                    log.warn("{} is a PKCS#1 RSA key: OpenSSL signs handshakes with it on the event loops; convert it"
                            + " with 'openssl pkcs8 -topk8 -nocrypt' to have them signed on the handshake threads", keyFile);
                }
                builder = SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile());
            }
            SslContext loaded = builder.sslProvider(provider).build();
            certModified = cert;
            keyModified = key;
            return loaded;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: cannot use " + certFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
