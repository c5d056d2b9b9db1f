package io.tickstream.cli;

import io.tickstream.config.ConfigException;
import io.tickstream.state.MalformedUpdateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command as one line, {@code tickstream: <message>}, on the command's error
 * stream, and picks the exit code: 2 for bad input (configuration, update), 1 otherwise. The stack
 * trace is logged at DEBUG only. Stateless.
 */
final class OneLineErrorHandler implements IExecutionExceptionHandler {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_BAD_INPUT = 2;

    private static final int MAX_CAUSES = 8;

    private static final Logger log = LoggerFactory.getLogger(OneLineErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("tickstream: " + describe(ex));
        commandLine.getErr().flush();
        log.debug("{} failed", commandLine.getCommandName(), ex);
        return ex instanceof ConfigException || ex instanceof MalformedUpdateException ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }

    /**
     * The message of the exception (its class name when it has none) and of each cause whose message
     * adds something, on one line.
     */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(messageOf(error));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (addsSomething(cause, text)) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    /** False for no message, a repeated first line, or a wrapper's default message (its cause's toString). */
    private static boolean addsSomething(Throwable cause, CharSequence text) {
        String message = cause.getMessage();
        if (message == null || message.isBlank() || cause.getCause() != null && message.equals(cause.getCause().toString())) {
            return false;
        }
        return text.toString().indexOf(message.lines().findFirst().orElseThrow()) < 0;
    }

    private static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
