package io.moustash.cuir.state;

import java.util.List;

/**
 * What an observation tells people: its event carries the {@code notification} tag, and a
 * {@code notify:NAME} tag for each of {@code names}.
 *
 * @param names the escalation names told by this notification; empty without {@code escalate}
 */
public record Notice(Kind kind, List<String> names) {
    public Notice {
        names = List.copyOf(names);
    }

    public enum Kind {
        /** The state changed: down (or warning, unknown) from up or from the start, back up, or between failures. */
        CHANGE,
        /** Still failing, and an escalation step is reached: its names are told. */
        ESCALATION,
        /** Still failing, {@code remind} after the last notification: those already told, again. */
        REMINDER,
        /** Still failing as an active window opens: what the window held back is told now. */
        WINDOW_OPENED
    }
}
