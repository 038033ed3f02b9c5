package io.moustash.cuir.probe;

import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.CommandWords;
import io.moustash.cuir.config.Escapes;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.config.Target;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Probe specifications for tests, built the way the configuration reader builds them. */
final class Specs {
    private Specs() {
    }

    static ProbeSpec connect(String host, int port, Duration timeout) {
        return ProbeSpec.connect("t" + port, new Target(host, port), "", timeout, Duration.ofSeconds(5));
    }

    static ProbeSpec conversation(String host, int port, String send, String expect, boolean tls, int certWarnDays,
            Duration timeout) {
        return new ProbeSpec("t" + port, new Target(host, port), List.of(), "", timeout, Duration.ofSeconds(5),
                Duration.ofSeconds(5), 1, Escapes.unescape(send), expect == null ? null : Pattern.compile(expect, Pattern.MULTILINE),
                tls, certWarnDays, ActiveWindows.always(), List.of(), io.moustash.event.UserFields.NONE);
    }

    static ProbeSpec command(String line, Duration timeout) {
        return new ProbeSpec("plugin", null, CommandWords.split(line), "", timeout, Duration.ofSeconds(5),
                Duration.ofSeconds(5), 1, new byte[0], null, false, 0, ActiveWindows.always(), List.of(), io.moustash.event.UserFields.NONE);
    }
}
