package io.moustash.cuir.config;

import io.moustash.config.ConfigProblem;
import io.moustash.config.Diagnostics;
import io.moustash.config.IniDocument;
import io.moustash.config.IniEntry;
import io.moustash.config.IniSection;
import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.config.SectionReader;
import io.moustash.config.Suggestions;
import io.moustash.cuir.alert.Alerting;
import io.moustash.cuir.check.Check;
import io.moustash.cuir.check.CheckKind;
import io.moustash.cuir.check.CheckSection;
import io.moustash.cuir.check.Checks;
import io.moustash.event.UserFields;
import io.moustash.runtime.MoustashSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads {@code [cuir]} and every {@code [cuir:NAME]} section into a {@link CuirConfig}. Every problem
 * of the file is collected first, each naming its section, line and value; then one
 * {@link io.moustash.config.ConfigException} (exit 78) reports them all.
 */
public final class CuirConfigReader {
    private final String file;
    private final Diagnostics diagnostics = new Diagnostics();
    private final SectionReader reader;
    /** Probe names seen so far, lower-cased (ini names are case-insensitive), with where they were defined. */
    private final Map<String, String> names = new HashMap<>();
    private static final List<String> OPTION_NAMES = CuirOptions.SECTION_OPTIONS.stream().map(Option::name).toList();

    /** {@code [cuir]}'s escalate and remind, which a probe section may override. */
    private Alerting alerting = Alerting.NONE;

    /** {@code [moustash] fields}, which a probe's fields may override but not contradict. */
    private final UserFields configured;

    private CuirConfigReader(String file, UserFields configured) {
        this.file = file;
        this.configured = configured;
        this.reader = new SectionReader(file, diagnostics);
        MoustashSettings.home().forEach(reader::knowing);
        CuirOptions.sections().forEach(reader::knowing);
    }

    /** Reads Cuir's sections of {@code document}; warnings go to {@code warnings}, errors throw. */
    public static CuirConfig read(IniDocument document, Consumer<String> warnings) {
        return read(document, UserFields.NONE, warnings);
    }

    /**
     * As {@link #read(IniDocument, Consumer)}; a probe's {@code fields} that contradict
     * {@code configured} ({@code [moustash] fields}: {@code a=1} there, {@code a.b=2} here) are an error.
     */
    public static CuirConfig read(IniDocument document, UserFields configured, Consumer<String> warnings) {
        return new CuirConfigReader(document.origin(), configured).readAll(document, warnings);
    }

    private CuirConfig readAll(IniDocument document, Consumer<String> warnings) {
        IniSection section = document.sectionOrEmpty(CuirOptions.SECTION);
        OptionValues values = reader.read(section, CuirOptions.SECTION_OPTIONS);
        Duration interval = values.get(CuirOptions.INTERVAL);
        Duration timeout = values.get(CuirOptions.TIMEOUT);
        alerting = new Alerting(values.get(CuirOptions.ESCALATE), values.get(CuirOptions.REMIND));
        List<ProbeSpec> probes = new ArrayList<>();
        for (IniEntry line : values.unknown()) {
            lineProbe(section, line, timeout, interval).ifPresent(probes::add);
        }
        for (IniSection probeSection : document.sectionsStartingWith(CuirOptions.PROBE_SECTION_PREFIX)) {
            sectionProbe(probeSection, timeout, interval).ifPresent(probes::add);
        }
        diagnostics.finish(warnings);
        return new CuirConfig(file, interval, ReportMode.of(values.get(CuirOptions.REPORT)), timeout,
                values.get(CuirOptions.MAX_IN_FLIGHT), probes, values.get(CuirOptions.HEARTBEAT_INTERVAL));
    }

    private Optional<ProbeSpec> lineProbe(IniSection section, IniEntry line, Duration timeout, Duration interval) {
        String where = "[" + section.name() + "] " + line.name();
        TargetLine parsed;
        try {
            parsed = TargetLine.parse(line.value());
        } catch (IllegalArgumentException e) {
            if (looksLikeAnOption(line)) {
                reader.unknownOption(section, line, OPTION_NAMES);
            } else {
                reader.error(section, line.name(), line.value(), e.getMessage());
            }
            return Optional.empty();
        }
        String earlier = names.putIfAbsent(key(line.name()), where);
        if (earlier != null) {
            reader.error(section, line.name(), line.value(), duplicate(line.name(), earlier));
            return Optional.empty();
        }
        return Optional.of(ProbeSpec.connect(line.name(), parsed.target(), parsed.informations(), timeout, interval, alerting));
    }

    private Optional<ProbeSpec> sectionProbe(IniSection section, Duration defaultTimeout, Duration defaultInterval) {
        String name = section.name().substring(CuirOptions.PROBE_SECTION_PREFIX.length()).trim();
        int errorsBefore = diagnostics.errors().size();
        if (name.isEmpty()) {
            sectionError(section, "empty probe name: write [cuir:NAME]");
        }
        OptionValues v = reader.readStrict(section, CuirOptions.PROBE_OPTIONS);
        Optional<? extends Check> check = kindOf(section).flatMap(kind -> readCheck(kind, section, v));
        v.find(CuirOptions.FIELDS).ifPresent(fields -> {
            try {
                fields.checkAgainst(configured, "[moustash] fields");
            } catch (IllegalArgumentException e) {
                reader.error(section, CuirOptions.FIELDS.name(), section.get(CuirOptions.FIELDS.name()).orElse(""),
                        e.getMessage());
            }
        });
        if (!name.isEmpty()) {
            String earlier = names.putIfAbsent(key(name), "[" + section.name() + "]");
            if (earlier != null) {
                sectionError(section, duplicate(name, earlier));
            }
        }
        if (diagnostics.errors().size() > errorsBefore || check.isEmpty()) {
            return Optional.empty();
        }
        Duration interval = v.find(CuirOptions.PROBE_INTERVAL).orElse(defaultInterval);
        return Optional.of(new ProbeSpec(name, check.get(), v.get(CuirOptions.MESSAGE),
                v.find(CuirOptions.PROBE_TIMEOUT).orElse(defaultTimeout), interval,
                v.find(CuirOptions.FAIL_INTERVAL).orElse(interval), v.get(CuirOptions.DOWN_AFTER),
                v.get(CuirOptions.ACTIVE), v.get(CuirOptions.TAGS), v.get(CuirOptions.FIELDS),
                alerting.overriddenBy(v.find(CuirOptions.PROBE_ESCALATE), v.find(CuirOptions.PROBE_REMIND))));
    }

    /** The one kind whose key options the section sets; none or several is an error of the section. */
    private Optional<CheckKind<?>> kindOf(IniSection section) {
        List<CheckKind<?>> claiming = Checks.KINDS.stream().filter(kind -> !keysSet(kind, section).isEmpty()).toList();
        if (claiming.size() == 1) {
            return Optional.of(claiming.get(0));
        }
        if (claiming.isEmpty()) {
            List<String> needs = Checks.KINDS.stream().map(CheckKind::needs).toList();
            sectionError(section, "nothing to probe: give " + String.join(", ", needs.subList(0, needs.size() - 1))
                    + " or " + needs.get(needs.size() - 1));
        } else {
            sectionError(section, String.join(" and ", claiming.stream().map(kind -> String.join("/", keysSet(kind, section))).toList())
                    + " cannot be combined: a probe does one thing ("
                    + String.join(" or ", claiming.stream().map(CheckKind::name).toList()) + ")");
        }
        return Optional.empty();
    }

    private static List<String> keysSet(CheckKind<?> kind, IniSection section) {
        return kind.keys().stream().map(Option::name).filter(section::has).toList();
    }

    /** The kind's check; an option only other kinds read is an error, not silently ignored. */
    private Optional<? extends Check> readCheck(CheckKind<?> kind, IniSection section, OptionValues v) {
        for (Option<?> option : Checks.options()) {
            if (!kind.options().contains(option) && section.has(option.name())) {
                List<String> owners = Checks.KINDS.stream().filter(k -> k.options().contains(option)).map(CheckKind::name).toList();
                sectionError(section, option.name() + " applies to " + String.join(" and ", owners) + " probes, not to a "
                        + kind.name() + " probe");
            }
        }
        return kind.read(new CheckSection(section, v, reader));
    }

    /**
     * Whether a line of {@code [cuir]} that is no probe was meant as an option: the name of another
     * section's option ({@code host}, {@code redis_host}), or a name close to one of {@code [cuir]}'s
     * with a value that option takes ({@code intervall = 5}).
     */
    private boolean looksLikeAnOption(IniEntry line) {
        if (reader.home(line.name()).isPresent()) {
            return true;
        }
        return Suggestions.closest(line.name(), OPTION_NAMES).flatMap(name -> CuirOptions.SECTION_OPTIONS.stream()
                .filter(o -> o.name().equals(name)).findFirst()).filter(o -> accepts(o, line.value())).isPresent();
    }

    private static boolean accepts(Option<?> option, String value) {
        try {
            option.parser().parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void sectionError(IniSection section, String message) {
        diagnostics.error(ConfigProblem.ofSection(file, section.name(), message));
    }

    private static String duplicate(String name, String earlier) {
        return "duplicate probe name " + name + ", already defined by " + earlier;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
