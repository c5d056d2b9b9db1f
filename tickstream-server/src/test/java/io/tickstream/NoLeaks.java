package io.tickstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test that leaks a Netty buffer: runs it with the leak detector at PARANOID (every buffer
 * tracked), then collects garbage and lets the detector report, and fails on any "LEAK" report.
 * Reports are read from the detector's logger, where Netty writes them.
 */
public final class NoLeaks implements BeforeEachCallback, AfterEachCallback {

    private static final int COLLECTIONS = 5;

    private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();
    private ResourceLeakDetector.Level previous;

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        collectAndReport();
        reports.start();
        detectorLog.addAppender(reports);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        try {
            collectAndReport();
            List<String> leaks = reports.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.contains("LEAK")).toList();
            assertThat(leaks).as("buffers leaked by the test").isEmpty();
        } finally {
            detectorLog.detachAppender(reports);
            reports.stop();
            ResourceLeakDetector.setLevel(previous);
        }
    }

    /** The detector reports collected buffers when it tracks the next one: collect, then allocate. */
    private static void collectAndReport() throws InterruptedException {
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            Thread.sleep(20);
            for (ByteBuf buf : List.of(PooledByteBufAllocator.DEFAULT.buffer(8), UnpooledByteBufAllocator.DEFAULT.buffer(8))) {
                buf.release();
            }
        }
    }
}
