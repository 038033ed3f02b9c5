package io.moustash.event;

/**
 * The values of a document that depend on the tool alone, encoded once: a process speaks for one
 * tool, so each encoder keeps the last one it built.
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

    /** {@code last} when it is for {@code tool}, else new parts. */
    static ToolParts reuse(ToolParts last, String tool) {
        return last != null && last.tool().equals(tool) ? last : of(tool);
    }
}
