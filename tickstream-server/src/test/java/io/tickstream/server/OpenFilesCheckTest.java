package io.tickstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OpenFilesCheckTest {

    @Test
    void shouldWarnWhenTheProcessMayOpenFewerFilesThanExpectedConnections() {
        Logger logger = (Logger) LoggerFactory.getLogger(OpenFilesCheck.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            long limit = OpenFilesCheck.warnIfBelow(10);
            assertThat(limit).isGreaterThan(10 + 256);
            assertThat(appender.list).isEmpty();

            OpenFilesCheck.warnIfBelow((int) Math.min(Integer.MAX_VALUE - 1_000, limit + 1));
            assertThat(appender.list).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage()).contains("may open only " + limit + " files"));
        } finally {
            logger.detachAppender(appender);
        }
    }
}
