package io.tickstream.hub;

/** What a stream topic tells the hub, holding its monitor: it must return at once. */
interface StreamEvents {

    /** A stream told its subscribers of a gap: the hub sends every watched state again. */
    void gapped();

    /** A message from the history or a gap notice reached no client because a view failed. */
    void encodeFailed(EncodingException failure);
}
