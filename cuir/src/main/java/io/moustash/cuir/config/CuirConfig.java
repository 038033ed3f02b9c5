package io.moustash.cuir.config;

import java.time.Duration;
import java.util.List;

/**
 * Cuir's whole configuration, validated.
 *
 * @param maxInFlight probes running at once at most; 0 for the automatic limit
 * @param heartbeatInterval time between two heartbeat events; zero for none
 */
public record CuirConfig(String file, Duration interval, ReportMode report, Duration timeout, int maxInFlight,
        List<ProbeSpec> probes, Duration heartbeatInterval) {
    public CuirConfig {
        probes = List.copyOf(probes);
    }
}
