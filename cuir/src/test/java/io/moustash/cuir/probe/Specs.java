package io.moustash.cuir.probe;

import io.moustash.cuir.check.CommandCheck;
import io.moustash.cuir.check.CommandDetails;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TcpDetails;
import io.moustash.cuir.check.command.CommandWords;
import io.moustash.cuir.check.tcp.Escapes;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
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
        TcpCheck check = new TcpCheck(new Target(host, port), Escapes.unescape(send),
                expect == null ? null : Pattern.compile(expect, Pattern.MULTILINE), tls, certWarnDays);
        return spec("t" + port, check, timeout);
    }

    static ProbeSpec command(String line, Duration timeout) {
        return spec("plugin", new CommandCheck(CommandWords.split(line)), timeout);
    }

    private static ProbeSpec spec(String name, io.moustash.cuir.check.Check check, Duration timeout) {
        return new ProbeSpec(name, check, "", timeout, Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
                ActiveWindows.always(), List.of(), io.moustash.event.UserFields.NONE);
    }

    static TcpDetails tcp(ProbeResult r) {
        return (TcpDetails) r.details();
    }

    static CommandDetails command(ProbeResult r) {
        return (CommandDetails) r.details();
    }
}
