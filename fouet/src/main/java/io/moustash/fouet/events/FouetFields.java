package io.moustash.fouet.events;

/**
 * The names Fouet's fields take in each shape: an ECS path where ECS has one ({@code process.pid},
 * {@code event.sequence}), {@code moustash.fouet.*} otherwise; in the legacy shape, flat names
 * after supervisord's own payload keys. docs/events.md lists them.
 */
final class FouetFields {
    static final String PROCESS_NAME = "process.name";
    static final String PID = "process.pid";
    static final String LEGACY_PID = "pid";
    static final String SERIAL = "event.sequence";
    static final String LEGACY_SERIAL = "serial";
    static final String CATEGORY = "event.category";
    static final String TYPE = "event.type";

    static final String GROUP = "moustash.fouet.group";
    static final String LEGACY_GROUP = "groupname";
    static final String FROM_STATE = "moustash.fouet.from_state";
    static final String LEGACY_FROM_STATE = "from_state";
    static final String TO_STATE = "moustash.fouet.to_state";
    static final String LEGACY_TO_STATE = "to_state";
    static final String EXPECTED = "moustash.fouet.expected";
    static final String LEGACY_EXPECTED = "expected";
    static final String TRIES = "moustash.fouet.tries";
    static final String LEGACY_TRIES = "tries";
    static final String POOL_SERIAL = "moustash.fouet.pool_serial";
    static final String LEGACY_POOL_SERIAL = "poolserial";
    static final String SERVER = "moustash.fouet.server";
    static final String LEGACY_SERVER = "server";
    static final String STDERR = "moustash.fouet.stderr";
    static final String LEGACY_STDERR = "stderr";
    static final String SUPPRESSED = "moustash.fouet.suppressed";
    static final String LEGACY_SUPPRESSED = "suppressed";
    static final String CHANNEL = "moustash.fouet.channel";
    static final String LEGACY_CHANNEL = "channel";
    static final String WHEN = "moustash.fouet.when";
    static final String LEGACY_WHEN = "when";
    static final String DATA = "moustash.fouet.data";
    static final String LEGACY_DATA = "data";
    static final String PAYLOAD_FIELDS = "moustash.fouet.payload";
    static final String LEGACY_PAYLOAD_FIELDS = "payload";
    static final String EXTRA = "moustash.fouet.extra";
    static final String LEGACY_EXTRA = "extra";

    private FouetFields() {
    }
}
