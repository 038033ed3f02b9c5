package io.moustash.cuir.check.tcp;

import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.Locale;

/** Names the reason of a failed connect from the exception the socket layer gave. */
public final class ConnectFailures {
    private ConnectFailures() {
    }

    public static Classified classify(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        // Netty's message is "Connection refused: /127.0.0.1:1234"; keep only the part before the address.
        String detail = message.contains(": /") ? message.substring(0, message.indexOf(": /")) : message;
        if (failure instanceof ConnectTimeoutException) {
            return new Classified(Status.DOWN, Reason.TIMEOUT, "no answer to connect");
        }
        if (failure instanceof NoRouteToHostException || lower.contains("no route to host")
                || lower.contains("network is unreachable") || lower.contains("host is unreachable")) {
            return new Classified(Status.DOWN, Reason.UNREACHABLE, detail);
        }
        if (lower.contains("connection refused")) {
            return new Classified(Status.DOWN, Reason.REFUSED, null);
        }
        if (failure instanceof ConnectException || lower.contains("connection reset")) {
            return new Classified(Status.DOWN, Reason.UNREACHABLE, detail);
        }
        // "Too many open files", "Cannot assign requested address": Cuir's side, not the target's.
        return new Classified(Status.UNKNOWN, Reason.LOCAL_ERROR, detail);
    }

    public record Classified(Status status, Reason reason, String detail) {
    }
}
