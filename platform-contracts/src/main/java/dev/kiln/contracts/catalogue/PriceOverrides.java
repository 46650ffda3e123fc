package dev.kiln.contracts.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.contracts.json.KilnJson;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads an operator's price-override file: {@code <model>.<price key>=credits} entries as a
 * {@code .properties} file, or the same as a JSON object (flat, or nested per model).
 */
final class PriceOverrides {
    private PriceOverrides() {
    }

    static Map<String, Long> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Price table " + file + " does not exist");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.stripLeading().startsWith("{") ? fromJson(file, text) : fromProperties(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read price table " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> fromProperties(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            out.put(key.trim(), credits(file, key, props.getProperty(key).trim()));
        }
        return out;
    }

    private static Map<String, Long> fromJson(Path file, String text) throws IOException {
        JsonNode root = KilnJson.mapper().readTree(text);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> inner = e.getValue().fields(); inner.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = inner.next();
                    String key = e.getKey() + "." + p.getKey();
                    out.put(key, credits(file, key, p.getValue().asText()));
                }
            } else {
                out.put(e.getKey(), credits(file, e.getKey(), e.getValue().asText()));
            }
        }
        return out;
    }

    private static long credits(Path file, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Price override '" + key + "' in " + file + " is not a whole number of credits: " + value);
        }
    }
}
