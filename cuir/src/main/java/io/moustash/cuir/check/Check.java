package io.moustash.cuir.check;

import java.util.List;

/**
 * What a probe checks, one record per kind: the kind-specific half of a probe (the other half,
 * names, intervals and windows, is the same for every kind and lives in the probe's spec).
 * Immutable. A new kind is a record here, its {@link Details}, a {@link CheckKind} that reads and
 * probes it, and a line in {@link Checks#KINDS}.
 */
public sealed interface Check permits TcpCheck, CommandCheck, HttpCheck, LogCheck {

    /** The kind that reads and probes this check. */
    CheckKind<?> kind();

    /** Where the check goes, for tables, logs and messages: {@code host:port}, the command line. */
    String target();

    /** What {@code --check-config} lists beyond the common settings, e.g. {@code send 18 bytes}. */
    List<String> settings();
}
