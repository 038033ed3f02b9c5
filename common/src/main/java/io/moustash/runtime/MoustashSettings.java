package io.moustash.runtime;

import io.moustash.config.ConfigLocator;
import io.moustash.config.FilePermissions;
import io.moustash.config.IniDocument;
import io.moustash.config.IniEntry;
import io.moustash.config.IniSection;
import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.config.SectionReader;
import io.moustash.config.UrlAuthority;
import io.moustash.config.Suggestions;
import io.moustash.delivery.DeliveryOptions;
import io.moustash.delivery.DeliverySettings;
import io.moustash.event.EventOptions;
import io.moustash.event.EventSettings;
import io.moustash.transport.amqp.RabbitOptions;
import io.moustash.transport.amqp.RabbitSettings;
import io.moustash.transport.redis.RedisOptions;
import io.moustash.transport.redis.RedisSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code [moustash]} section, read and validated once: which broker, how to reach it, and what
 * every event carries. Immutable. Tools read their own sections ({@code [cuir]}, {@code [fouet]})
 * from {@link #document()} with the same {@link SectionReader}.
 */
public final class MoustashSettings {
    public static final String SECTION = "moustash";

    /**
     * Every option {@code [moustash]} knows, in the order problems are reported: transport, each
     * registered transport's ({@link Transports#ALL}), events, delivery.
     */
    public static final List<Option<?>> OPTIONS = Collections.unmodifiableList(concat(
            List.of(Transports.TRANSPORT), Transports.options(), EventOptions.ALL, DeliveryOptions.ALL));

    /**
     * The sections a Moustash file may hold, besides Cuir's {@code [cuir:NAME]} probes
     * ({@link #PROBE_SECTION_PREFIX}): any other is a warning, read by every tool. PanPan has none.
     */
    public static final List<String> SECTIONS = List.of(SECTION, "cuir", "fouet");
    public static final String PROBE_SECTION_PREFIX = "cuir:";

    private final IniDocument document;
    private final String transport;
    private final RedisSettings redis;
    /** Kept to build the RabbitMQ settings when asked (see {@link #rabbitmq()}). */
    private final OptionValues values;
    private final EventSettings events;
    private final DeliverySettings delivery;

    private MoustashSettings(IniDocument document, OptionValues values) {
        this.document = document;
        this.transport = values.get(Transports.TRANSPORT);
        this.redis = RedisOptions.settings(values);
        this.values = values;
        this.events = EventOptions.settings(values);
        this.delivery = DeliveryOptions.settings(values);
    }

    private MoustashSettings(MoustashSettings base, String transport) {
        this.document = base.document;
        this.transport = transport;
        this.redis = base.redis;
        this.values = base.values;
        this.events = base.events;
        this.delivery = base.delivery;
    }

    /**
     * Finds and reads the configuration. Warnings (unknown options, a readable password file, no
     * file at all) go to {@code warnings}; errors throw {@link io.moustash.config.ConfigException}.
     */
    public static MoustashSettings load(Path explicit, ConfigLocator locator, Consumer<String> warnings) {
        return load(explicit, locator, Map.of(), warnings);
    }

    /**
     * As {@link #load(Path, ConfigLocator, Consumer)}; an option of {@code toolSections} (the
     * reading tool's, e.g. {@code [cuir]}'s {@code interval}) written in {@code [moustash]} is
     * warned about with the section it belongs in.
     */
    public static MoustashSettings load(Path explicit, ConfigLocator locator,
            Map<String, List<Option<?>>> toolSections, Consumer<String> warnings) {
        Optional<Path> file = locator.locate(explicit);
        if (file.isEmpty()) {
            warnings.accept(locator.noFileNotice());
            return read(IniDocument.empty("built-in defaults"), toolSections, warnings);
        }
        MoustashSettings settings = read(IniDocument.load(file.get()), toolSections, warnings);
        if (settings.holdsSecret()) {
            FilePermissions.secretsWarning(file.get()).ifPresent(warnings);
        }
        return settings;
    }

    /** Reads {@code [moustash]} of an already parsed document. */
    public static MoustashSettings read(IniDocument document, Consumer<String> warnings) {
        return read(document, Map.of(), warnings);
    }

    /** As {@link #read(IniDocument, Consumer)}, naming where the options of {@code toolSections} belong. */
    public static MoustashSettings read(IniDocument document, Map<String, List<Option<?>>> toolSections,
            Consumer<String> warnings) {
        warnUnknownSections(document, warnings);
        return new MoustashSettings(document, SectionReader.readSection(document, SECTION, OPTIONS, toolSections,
                warnings));
    }

    /** The options of {@code [moustash]} by their section, for "redis_host belongs in [moustash]" elsewhere. */
    public static Map<String, List<Option<?>>> home() {
        return Map.of("[" + SECTION + "]", OPTIONS);
    }

    private static void warnUnknownSections(IniDocument document, Consumer<String> warnings) {
        for (IniSection section : document.sections()) {
            String name = section.name().toLowerCase(Locale.ROOT);
            if (SECTIONS.contains(name) || name.startsWith(PROBE_SECTION_PREFIX)) {
                continue;
            }
            String hint = name.equals("panpan")
                    ? " (PanPan has no section: it reads [moustash], its own settings are command-line options)"
                    : Suggestions.closest(name, SECTIONS).map(known -> " (did you mean [" + known + "]?)").orElse("");
            warnings.accept(document.origin() + ": [" + section.name() + "]: unknown section, ignored" + hint);
        }
    }

    private boolean holdsSecret() {
        for (IniEntry entry : document.sectionOrEmpty(SECTION).entries()) {
            for (Option<?> option : OPTIONS) {
                if (option.secret() && option.answersTo(entry.name()) && holdsSecret(entry.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a secret option's value holds a password: any non-empty value, but for a url only a
     * password in it ({@code rediss://:pw@host}, {@code amqp://user:pw@host}; for Redis a lone
     * {@code redis://pw@host} too), so that {@code redis-sentinel://127.0.0.1:26379/0#mymaster}
     * in a world-readable file draws no warning.
     */
    static boolean holdsSecret(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        UrlAuthority authority = UrlAuthority.of(value);
        if (authority == null) {
            return true;
        }
        String userInfo = authority.userInfo();
        if (userInfo == null) {
            return false;
        }
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
            return colon < userInfo.length() - 1;
        }
        return value.startsWith("redis") && !userInfo.isEmpty();
    }

    /** The whole file, for the tools' own sections. */
    public IniDocument document() {
        return document;
    }

    /** {@code redis}, {@code rabbitmq} or {@code stdout}. */
    public String transport() {
        return transport;
    }

    /**
     * Returns these settings with another transport, for a command-line override such as
     * {@code panpan --transport stdout}.
     *
     * @throws IllegalArgumentException when {@code transport} is not one of {@link Transports#ALL}'s names
     */
    public MoustashSettings withTransport(String transport) {
        return new MoustashSettings(this, Transports.TRANSPORT.parser().parse(transport));
    }

    public RedisSettings redis() {
        return redis;
    }

    /**
     * Built on each call rather than at reading: amqp-client's {@code Address} starts SLF4J and
     * opens the amqp-client jar, which a Redis or stdout run never needs. Every value was already
     * parsed and checked by {@link #read}, so building cannot fail.
     */
    public RabbitSettings rabbitmq() {
        return RabbitOptions.settings(values);
    }

    /** The parsed values of {@code [moustash]}, for the transport factories of {@link Transports}. */
    OptionValues values() {
        return values;
    }

    public EventSettings events() {
        return events;
    }

    /** The queue, reconnection, spool and congestion settings. */
    public DeliverySettings delivery() {
        return delivery;
    }

    @SafeVarargs
    private static List<Option<?>> concat(List<Option<?>>... groups) {
        List<Option<?>> all = new ArrayList<>();
        for (List<Option<?>> group : groups) {
            all.addAll(group);
        }
        return all;
    }
}
