package io.moustash.cuir.check;

import io.moustash.config.Option;
import java.util.List;
import java.util.Optional;

/**
 * One kind of check, as the configuration and the probe engine see it: which options make a
 * {@code [cuir:NAME]} section this kind, how its check is read, and what probes it.
 */
public interface CheckKind<C extends Check> {

    /** The kind's name in listings and errors: {@code connect}, {@code command}. */
    String name();

    /** The options that make a section this kind: any one of them set claims the section. */
    List<Option<?>> keys();

    /** What a section must give for this kind, for "nothing to probe" errors: {@code host and port}. */
    String needs();

    /** Every option this kind reads, its keys included; several kinds may share one (expect). */
    List<Option<?>> options();

    /** Reads the section's check; every problem goes to {@code section}, and then the result is empty. */
    Optional<C> read(CheckSection section);

    /** A prober for this kind's checks, made once per engine, when the first such probe runs. */
    Prober<C> prober(ProbeContext context);

    /** {@code check} as this kind's type; the engine calls it with checks whose {@link Check#kind} is this. */
    C cast(Check check);
}
