package io.moustash.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One document as logstash took it off the list, with the few fields the demo talks about read out
 * of its ECS shape (see docs/events.md).
 *
 * @param json the document exactly as it was in Redis
 * @param tree the same, parsed
 */
record DemoEvent(String json, JsonNode tree) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static DemoEvent parse(String json) {
        try {
            return new DemoEvent(json, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new DemoFailure("a document in the list is not JSON (" + e.getOriginalMessage() + "): " + json);
        }
    }

    /** The tool that sent it, from {@code event.dataset} ({@code moustash.cuir} → {@code cuir}). */
    String tool() {
        String dataset = text("event", "dataset");
        return dataset.startsWith("moustash.") ? dataset.substring("moustash.".length()) : dataset;
    }

    String action() {
        return text("event", "action");
    }

    String message() {
        return text("message");
    }

    /** The tags, the tool's own (always first) left out. */
    List<String> tags() {
        List<String> tags = new ArrayList<>();
        tree.path("tags").forEach(tag -> tags.add(tag.asText()));
        if (!tags.isEmpty() && tags.get(0).equals(tool())) {
            tags.remove(0);
        }
        return tags;
    }

    boolean notification() {
        return tags().contains("notification");
    }

    /** Cuir's probe name. */
    String probe() {
        return text("moustash", "cuir", "probe");
    }

    /** Cuir's status of this probe: up, down, warning, unknown. */
    String status() {
        return text("moustash", "cuir", "status");
    }

    /** Fouet's {@code group:process}, or the group alone. */
    String process() {
        String group = text("moustash", "fouet", "group");
        String name = text("process", "name");
        return name.isEmpty() ? group : group.isEmpty() ? name : group + ":" + name;
    }

    /** The stderr lines Fouet attached to a crash or FATAL event. */
    List<String> stderr() {
        List<String> lines = new ArrayList<>();
        tree.path("moustash").path("fouet").path("stderr").forEach(line -> lines.add(line.asText()));
        return lines;
    }

    /** The text at a path of object keys, or "" when absent. */
    String text(String... path) {
        JsonNode node = tree;
        for (String key : path) {
            node = node.path(key);
        }
        return node.isValueNode() ? node.asText() : "";
    }
}
