package io.moustash.event;

/**
 * The values of a document that depend on the tool alone, encoded once. A process speaks for its
 * tool, and now and then for Moustash itself (the spool's drop reports), so a one-entry cache of
 * the last parts built serves nearly every event.
 *
 * @param name the tool's name, the usual {@code type}
 * @param tags the tags of an event that has none of its own and no configured ones
 * @param dataset ECS {@code event.dataset}
 */
record ToolParts(String tool, JsonWriter.Encoded name, JsonWriter.Encoded tags, JsonWriter.Encoded dataset) {

    static ToolParts of(String tool) {
        return new ToolParts(tool, JsonWriter.Encoded.of(tool), JsonWriter.Encoded.of(java.util.List.of(tool)),
                JsonWriter.Encoded.of(EcsEncoder.MODULE + "." + tool));
    }

    /** The last parts built; immutable (final fields), so a racing thread sees whole parts or builds its own. */
    private static ToolParts last;

    /** The parts for {@code tool}, from the cache when it holds them. */
    static ToolParts forTool(String tool) {
        ToolParts cached = last;
        if (cached != null && cached.tool().equals(tool)) {
            return cached;
        }
        ToolParts parts = of(tool);
        last = parts;
        return parts;
    }
}
