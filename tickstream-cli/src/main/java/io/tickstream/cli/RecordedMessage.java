package io.tickstream.cli;

import io.tickstream.client.message.Message;

/**
 * One received message on its way into a recording. Immutable.
 *
 * @param seq        receive order, unique across every table of the recording
 * @param receivedAt receive time, epoch milliseconds (replay paces by it)
 * @param message    the parsed message: a market or account message
 * @param json       the message exactly as received
 */
record RecordedMessage(long seq, long receivedAt, Message message, String json) {
}
