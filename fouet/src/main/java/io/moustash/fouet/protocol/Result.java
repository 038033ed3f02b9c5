package io.moustash.fouet.protocol;

import java.nio.charset.StandardCharsets;

/** The two answers an event listener gives supervisord for an event. */
public enum Result {
    /** The event is safe (published or spooled); supervisord forgets it. */
    OK("RESULT 2\nOK"),
    /** The event could be kept nowhere; supervisord puts it back in its buffer and sends it again. */
    FAIL("RESULT 4\nFAIL");

    private final byte[] bytes;

    Result(String wire) {
        this.bytes = wire.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
