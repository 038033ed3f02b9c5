package io.moustash.cuir.check.http;

import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.check.Texts;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Judges a complete HTTP response against its check: status first, then expect, then the json rules. */
final class HttpVerdict {
    private HttpVerdict() {
    }

    record Outcome(Status status, Reason reason, String detail) {
        static final Outcome UP = new Outcome(Status.UP, null, null);
    }

    /** Whether the body must be read before judging; else the status line decides. */
    static boolean needsBody(HttpCheck check) {
        return check.expect() != null || !check.json().isEmpty();
    }

    /**
     * @param body the body's first {@value HttpKind#MAX_BODY} bytes
     * @param truncated whether the body went on beyond them
     */
    static Outcome judge(HttpCheck check, int code, byte[] body, boolean truncated) {
        if (!check.status().accepts(code)) {
            return new Outcome(Status.DOWN, Reason.HTTP_STATUS, "status " + code + ", expected " + check.status());
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (check.expect() != null && !check.expect().matcher(text).find()) {
            return new Outcome(Status.DOWN, Reason.EXPECT_MISMATCH, (text.isEmpty() ? "no match in an empty body"
                    : "no match in the body" + (truncated ? "'s first " + HttpKind.MAX_BODY / 1024 + " KiB" : "")
                    + ": " + Texts.shown(text)));
        }
        if (check.json().isEmpty()) {
            return Outcome.UP;
        }
        if (truncated) {
            return new Outcome(Status.DOWN, Reason.JSON_MISMATCH, "the body is longer than " + HttpKind.MAX_BODY / 1024
                    + " KiB, too long for json rules");
        }
        Object document;
        try {
            document = JsonReader.read(text);
        } catch (IllegalArgumentException e) {
            return new Outcome(Status.DOWN, Reason.JSON_MISMATCH, "the body is not JSON (" + e.getMessage() + "): "
                    + Texts.shown(text));
        }
        List<String> down = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        for (JsonRule rule : check.json()) {
            Optional<String> failure = rule.failure(document);
            failure.ifPresent(f -> (rule.severity() == Status.WARNING ? warning : down).add(f));
        }
        if (!down.isEmpty()) {
            return new Outcome(Status.DOWN, Reason.JSON_MISMATCH, String.join("; ", down));
        }
        if (!warning.isEmpty()) {
            return new Outcome(Status.WARNING, Reason.JSON_MISMATCH, String.join("; ", warning));
        }
        return Outcome.UP;
    }
}
