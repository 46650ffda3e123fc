package dev.kiln.contracts.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.contracts.events.JobKind;

import java.util.List;
import java.util.Map;

/** The shape of {@code kiln/models.json} (snake_case on disk); see docs/catalogue.md. */
record CatalogueDocument(Map<String, List<String>> ratioSets,
                         Map<String, JsonNode> dimensionTables,
                         List<ModelEntry> models) {

    record ModelEntry(String id, String name, JobKind kind, String family, boolean defaultForKind, String pool,
                      String format, Map<String, List<String>> options, Map<String, String> defaults,
                      List<ModelCatalogue.Rule> rules, Keyed dimensions, Prices prices) {
    }

    /** A dimension table by name, looked up by the values of the {@code by} options in order. */
    record Keyed(String table, List<String> by) {
    }

    /** Credits per price key; a price key is the values of the {@code by} options joined by dots. */
    record Prices(List<String> by, Map<String, Long> credits) {
    }
}
