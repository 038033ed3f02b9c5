package io.moustash.cuir.check.log;

import java.util.List;

/**
 * What one round of a log probe read. Immutable.
 *
 * @param first whether this was the probe's first round, which only finds the end of the file
 * @param matches the new lines that matched
 * @param lines the last matching lines, oldest first, at most {@value LogFollower#KEPT_LINES}, each cut
 *     after {@value LogFollower#MAX_SHOWN} characters
 * @param bytesRead bytes read this round
 * @param skippedBytes new bytes not read, because more than {@value LogFollower#MAX_READ} bytes came in one round
 * @param windowNanos time since the previous round; 0 on the first
 * @param changes what happened to the file since the previous round, in words: rotated, truncated, missing
 */
public record LogCount(boolean first, int matches, List<String> lines, long bytesRead, long skippedBytes,
        long windowNanos, List<String> changes) {

    public LogCount {
        lines = List.copyOf(lines);
        changes = List.copyOf(changes);
    }
}
