package io.moustash.fouet.protocol;

/** What one read from supervisord yields: a well-framed event, or a line that could not be read as one. */
public sealed interface Frame {

    /**
     * A header and its whole payload.
     *
     * @param payload the payload text; at most {@link ListenerProtocol#MAX_PAYLOAD_CHARS} characters
     * @param truncated whether the payload was longer and its end was read and dropped
     */
    record Envelope(Header header, String payload, boolean truncated) implements Frame {
    }

    /**
     * Input that is not a header supervisord would send: the listener logs it and answers, so that a
     * stray line never stops it.
     *
     * @param raw the offending text (a header line, possibly cut at {@link ListenerProtocol#MAX_HEADER_BYTES})
     * @param reason why it was not understood, for the log
     */
    record Garbled(String raw, String reason) implements Frame {
    }
}
