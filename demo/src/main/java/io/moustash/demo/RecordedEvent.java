package io.moustash.demo;

/**
 * One event as supervisord hands it to a listener: its name (the header's {@code eventname}) and
 * its payload, newlines included.
 */
record RecordedEvent(String name, String payload) {
}
