package io.tickstream.hub;

import io.tickstream.state.MalformedUpdateException;

/** Parses a trade or account message as the bus delivers it (and its history keeps it). Stateless. */
@FunctionalInterface
interface StreamParser<M> {

    /** @param receivedMillis the time to use when the message carries no {@code ts} */
    M parse(String payload, long receivedMillis) throws MalformedUpdateException;
}
