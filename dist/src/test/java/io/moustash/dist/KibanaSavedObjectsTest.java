package io.moustash.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/kibana-moustash.ndjson, as Kibana 8's saved-objects import reads it (one object per
 * line, then the export summary): every line parses, every reference resolves to an object of the
 * file, the JSON that Kibana keeps as strings (searchSourceJSON, visState, panelsJSON) parses and
 * names only references the object has, and docs/kibana.md shows each saved search's query.
 * No Kibana runs here, so this is as far as the file can be checked.
 */
class KibanaSavedObjectsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path FILE = ROOT.resolve("examples/kibana-moustash.ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("index-pattern", "search", "visualization", "dashboard");

    private static List<JsonNode> objects;
    private static JsonNode summary;

    @BeforeAll
    static void read() throws IOException {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty(), FILE + " is empty");
        List<JsonNode> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            assertFalse(lines.get(i).isBlank(), FILE.getFileName() + ":" + (i + 1) + " is blank");
            JsonNode node = parse(lines.get(i), FILE.getFileName() + ":" + (i + 1));
            assertTrue(node.isObject(), FILE.getFileName() + ":" + (i + 1) + " is not an object");
            parsed.add(node);
        }
        summary = parsed.remove(parsed.size() - 1);
        objects = parsed;
    }

    @Test
    void everyLineIsASavedObjectAndTheLastIsTheExportSummary() {
        Set<String> keys = new HashSet<>();
        for (JsonNode object : objects) {
            String where = object.path("type").asText() + " " + object.path("id").asText();
            assertTrue(TYPES.contains(object.path("type").asText()), "a type Kibana 8 imports: " + where);
            assertFalse(object.path("id").asText().isEmpty(), "an id: " + object);
            assertTrue(object.path("attributes").path("title").isTextual(), "a title: " + where);
            assertTrue(object.path("references").isArray(), "references: " + where);
            assertTrue(keys.add(where), "one object per type and id: " + where);
        }
        assertEquals(objects.size(), summary.path("exportedCount").asInt(-1), "exportedCount: " + summary);
        assertEquals(0, summary.path("missingRefCount").asInt(-1));
        assertEquals(List.of("index-pattern", "search", "visualization", "dashboard").stream().sorted().toList(),
                objects.stream().map(o -> o.path("type").asText()).distinct().sorted().toList(),
                "a data view, saved searches, visualizations and a dashboard");
    }

    @Test
    void everyReferenceResolvesToAnObjectOfTheFile() {
        Map<String, JsonNode> byKey = new HashMap<>();
        objects.forEach(o -> byKey.put(o.path("type").asText() + " " + o.path("id").asText(), o));
        int references = 0;
        for (JsonNode object : objects) {
            Set<String> names = new HashSet<>();
            for (JsonNode reference : object.path("references")) {
                String target = reference.path("type").asText() + " " + reference.path("id").asText();
                assertTrue(byKey.containsKey(target), object.path("id").asText() + " refers to " + target
                        + ", which the file does not hold");
                assertTrue(names.add(reference.path("name").asText()), "reference names are unique: " + reference);
                references++;
            }
        }
        assertTrue(references >= objects.size() - 1, "every object but the data view refers to something");
    }

    @Test
    void searchSourcesNameTheirDataViewThroughAReference() {
        for (JsonNode object : objects) {
            JsonNode meta = object.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON");
            if (meta.isMissingNode()) {
                continue;
            }
            JsonNode source = parse(meta.asText(), object.path("id").asText() + " searchSourceJSON");
            assertEquals("kuery", source.path("query").path("language").asText(), object.path("id").asText());
            if (!object.path("type").asText().equals("dashboard")) {
                String ref = source.path("indexRefName").asText();
                assertEquals("index-pattern", reference(object, ref).path("type").asText(),
                        object.path("id").asText() + " names its data view by " + ref);
            }
            if (object.path("type").asText().equals("visualization")) {
                JsonNode state = parse(object.path("attributes").path("visState").asText(), "visState");
                assertEquals(object.path("attributes").path("title").asText(), state.path("title").asText());
                assertTrue(state.path("aggs").size() >= 2, "a metric and a bucket: " + state);
            }
        }
    }

    @Test
    void dashboardPanelsNameTheirObjectThroughAReference() {
        for (JsonNode dashboard : objects.stream().filter(o -> o.path("type").asText().equals("dashboard")).toList()) {
            JsonNode panels = parse(dashboard.path("attributes").path("panelsJSON").asText(), "panelsJSON");
            assertEquals(3, panels.size(), "targets down, crashes per host, notifications over time");
            parse(dashboard.path("attributes").path("optionsJSON").asText(), "optionsJSON");
            for (JsonNode panel : panels) {
                // Kibana 8 names a panel's reference "<panelIndex>:<panelRefName>".
                String name = panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText();
                JsonNode reference = reference(dashboard, name);
                assertEquals(panel.path("type").asText(), reference.path("type").asText(), name);
                assertEquals(panel.path("panelIndex").asText(), panel.path("gridData").path("i").asText());
            }
        }
    }

    @Test
    void docsKibanaShowsEverySavedSearchWithItsQuery() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/kibana.md"), StandardCharsets.UTF_8);
        for (JsonNode search : objects.stream().filter(o -> o.path("type").asText().equals("search")).toList()) {
            String title = search.path("attributes").path("title").asText();
            String query = parse(search.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText(),
                    title).path("query").path("query").asText();
            assertTrue(doc.contains(title), "docs/kibana.md names " + title);
            assertTrue(doc.contains("`" + query + "`"), "docs/kibana.md shows the query of " + title + ": " + query);
        }
    }

    private static JsonNode reference(JsonNode object, String name) {
        for (JsonNode reference : object.path("references")) {
            if (reference.path("name").asText().equals(name)) {
                return reference;
            }
        }
        return fail(object.path("id").asText() + " has no reference named " + name + ": " + object.path("references"));
    }

    private static JsonNode parse(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return fail(where + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
