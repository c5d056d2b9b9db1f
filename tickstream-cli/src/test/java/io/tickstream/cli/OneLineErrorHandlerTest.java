package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class OneLineErrorHandlerTest {

    @Test
    void shouldJoinTheMessagesOfCausesOnOneLineWhenTheyAddSomething() {
        Exception error = new IllegalStateException("cannot start", new IOException("disk full\n  at line 3"));

        assertThat(OneLineErrorHandler.describe(error)).isEqualTo("cannot start: disk full at line 3");
    }

    @Test
    void shouldSkipCausesThatRepeatOrSayNothingWhenDescribing() {
        IOException parse = new IOException("Unexpected end-of-input\n at [line: 1, column: 15]");
        Exception error = new IllegalArgumentException("not valid JSON: Unexpected end-of-input",
                new RuntimeException(parse));

        assertThat(OneLineErrorHandler.describe(error)).isEqualTo("not valid JSON: Unexpected end-of-input");
    }

    @Test
    void shouldNameTheExceptionWhenItHasNoMessage() {
        assertThat(OneLineErrorHandler.describe(new ConnectException())).isEqualTo("ConnectException");
    }
}
