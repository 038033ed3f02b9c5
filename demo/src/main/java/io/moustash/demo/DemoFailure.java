package io.moustash.demo;

/** Something in the chain did not do what the demo shows; the message is the one line printed on stderr. */
final class DemoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
