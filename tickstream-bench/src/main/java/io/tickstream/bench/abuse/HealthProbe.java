package io.tickstream.bench.abuse;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a load balancer sees during an attack: {@code GET /health} every 200 ms, each on a new
 * connection with 2 s to answer. The calls run on a small pool, so that a gateway slower than the
 * interval gets overlapping calls, as it would from a balancer. Between {@link #start} and
 * {@link #stop}, from one driving thread. After an attack, {@link #awaitRecovery} tells when the
 * gateway answers promptly again.
 */
public final class HealthProbe {

    private static final long INTERVAL_MILLIS = 200;
    private static final int TIMEOUT_MILLIS = 2_000;
    /** Enough threads for every call that can be in flight at once. */
    private static final int THREADS = (int) (TIMEOUT_MILLIS / INTERVAL_MILLIS) + 2;
    private static final int PROMPT_MILLIS = 100;
    /** Prompt answers in a row that make a gateway recovered. */
    private static final int RECOVERED_AFTER = 5;
    /** The bench's gateway has a self-signed certificate of its own: any is trusted. */
    private static final SSLContext TRUST_ALL = trustAll();
    private static final byte[] STATUS_200 = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress gateway;
    private final boolean tls;
    private final byte[] request;
    private final Recorder latencyMicros = new Recorder(3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, task -> {
        Thread thread = new Thread(task, "bench-health");
        thread.setDaemon(true);
        return thread;
    });

    /** @param tls over TLS (trusting any certificate), as the gateway serves it */
    public HealthProbe(InetSocketAddress gateway, boolean tls) {
        this.gateway = gateway;
        this.tls = tls;
        this.request = request(gateway);
    }

    public void start() {
        executor.scheduleAtFixedRate(() -> executor.execute(this::ask), 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops asking and waits for the calls in flight, each bounded by its timeout. */
    public void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(TIMEOUT_MILLIS + 1_000, TimeUnit.MILLISECONDS);
    }

    /** Calls answered 200 in time. */
    public long ok() {
        return ok.sum();
    }

    /** Calls refused, answered otherwise, or not answered within the timeout. */
    public long failed() {
        return failed.sum();
    }

    /** How long the calls answered 200 took, each from its connect to the status line; read after {@link #stop}. */
    public Histogram latencyMicros() {
        return latencyMicros.getIntervalHistogram();
    }

    private void ask() {
        long start = System.nanoTime();
        if (answers(gateway, tls, request, TIMEOUT_MILLIS)) {
            latencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            ok.increment();
        } else {
            failed.increment();
        }
    }

    /**
     * Waits until the gateway answers promptly again after an attack: five calls in a row, one
     * every 100 ms, each answered 200 within 100 ms (each call is a new connection, so the calls
     * land on different event loops).
     *
     * @return how long until the first of those five calls, or null when there were no five
     *         within {@code limit}
     */
    public static Duration awaitRecovery(InetSocketAddress gateway, boolean tls, Duration limit) throws InterruptedException {
        byte[] request = request(gateway);
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long firstPrompt = start;
        int inARow = 0;
        while (inARow < RECOVERED_AFTER) {
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            long asked = System.nanoTime();
            if (!answers(gateway, tls, request, PROMPT_MILLIS)) {
                inARow = 0;
            } else if (inARow++ == 0) {
                firstPrompt = asked;
            }
            Thread.sleep(Math.max(0, PROMPT_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)));
        }
        return Duration.ofNanos(firstPrompt - start);
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS client context", e);
        }
    }

    private static byte[] request(InetSocketAddress gateway) {
        return ("GET /health HTTP/1.1\r\nHost: " + gateway.getHostString() + ":" + gateway.getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether one call, on a new connection, is answered 200 within {@code timeoutMillis}. */
    private static boolean answers(InetSocketAddress gateway, boolean tls, byte[] request, int timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try (Socket plain = new Socket()) {
            plain.connect(gateway, timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            Socket socket = tls ? TRUST_ALL.getSocketFactory().createSocket(plain, "localhost", gateway.getPort(), true)
                    : plain;
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            byte[] status = new byte[STATUS_200.length];
            for (int n = 0; n < status.length; ) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new SocketTimeoutException("no answer within " + timeoutMillis + " ms");
                }
                socket.setSoTimeout((int) left);
                int read = in.read(status, n, status.length - n);
                if (read < 0) {
                    throw new EOFException();
                }
                n += read;
            }
            return Arrays.equals(status, STATUS_200);
        } catch (IOException e) {
            return false;
        }
    }
}
