package io.moustash.fouet.events;

/**
 * The sentence a person reads for a process state change, in an e-mail subject or a chat line: the
 * program as supervisorctl names it, what happened, and why when Fouet knows it (the last line the
 * program wrote on stderr since it was started: supervisord does not send the exit status).
 *
 * <p>Each state reads as supervisord's documentation defines it (docs/events.rst and
 * docs/subprocess.rst of Supervisor/supervisor): BACKOFF is a start that exited before
 * {@code startsecs}, which supervisord retries; FATAL is supervisord giving up after
 * {@code startretries}, which only a person can undo; STOPPING and STOPPED only follow a stop
 * request; EXITED is an exit from RUNNING, {@code expected} telling whether the exit code was one of
 * {@code exitcodes}; UNKNOWN is an error in supervisord itself.
 *
 * @param program the process as supervisorctl names it: {@code name}, or {@code group:name} when they differ
 * @param state the new state, as supervisord spells it ({@code EXITED})
 * @param fromState the state before; {@code null} when the payload had none
 * @param expected EXITED's {@code expected} flag; {@code null} when absent
 * @param tries STARTING's and BACKOFF's {@code tries}; {@code null} when absent
 * @param pid the process id; {@code null} when absent
 * @param why the last stderr line of this run; {@code null} when there is none
 */
record StateMessage(String program, String state, String fromState, Boolean expected, Long tries, Long pid,
        String why) {

    /** Longest {@code why} kept in the sentence: a subject line, not the log (the lines are in {@code stderr}). */
    static final int MAX_WHY_CHARS = 200;

    /** How supervisorctl names a process: {@code name} in a group of its own name, else {@code group:name}. */
    static String supervisorctlName(String group, String process) {
        if (process == null) {
            return group == null ? "a process" : group;
        }
        return group == null || group.equals(process) ? process : group + ":" + process;
    }

    String sentence() {
        return switch (state) {
            case "STARTING" -> program + starting();
            case "RUNNING" -> program + " is running" + pidNote();
            case "BACKOFF" -> program + " failed to start" + attempt() + ": " + because("it did not stay up for startsecs");
            case "STOPPING" -> program + " is stopping on request" + pidNote();
            case "STOPPED" -> program + " stopped on request" + pidNote();
            case "EXITED" -> exited();
            case "FATAL" -> program + " could not be started, supervisord gave up" + reason();
            case "UNKNOWN" -> program + " is in an unknown state (an error in supervisord; see its log)";
            default -> program + " is now " + state;
        };
    }

    private String starting() {
        if ("BACKOFF".equals(fromState) && tries != null) {
            return " is starting again (attempt " + (tries + 1) + ")";
        }
        return "EXITED".equals(fromState) ? " is restarting" : " is starting";
    }

    private String exited() {
        if (Boolean.FALSE.equals(expected)) {
            return program + " exited unexpectedly" + reason();
        }
        return program + (Boolean.TRUE.equals(expected) ? " exited as expected" : " exited") + pidNote();
    }

    private String attempt() {
        return tries == null ? "" : " (attempt " + tries + ")";
    }

    private String pidNote() {
        return pid == null ? "" : " (pid " + pid + ")";
    }

    private String reason() {
        return why == null ? "" : ": " + shortWhy();
    }

    private String because(String otherwise) {
        return why == null ? otherwise : shortWhy();
    }

    private String shortWhy() {
        String line = why.strip();
        return line.length() <= MAX_WHY_CHARS ? line : line.substring(0, MAX_WHY_CHARS - 1) + "…";
    }
}
