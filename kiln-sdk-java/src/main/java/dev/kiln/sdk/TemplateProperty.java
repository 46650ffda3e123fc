package dev.kiln.sdk;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One property a template image may set (see {@link Property}).
 *
 * @param name         the layer's name
 * @param type         {@code text} (with an optional colour), {@code image} ({@code image_url}) or {@code color}
 * @param defaultValue the layer's defaults ({@code "default"} on the wire), keyed as in a property object:
 *                     {@code text}, {@code image_url}, {@code color}; values may be {@code null}
 */
public record TemplateProperty(String name, String type, @JsonProperty("default") Map<String, Object> defaultValue) {
    public TemplateProperty {
        // copied into an unmodifiable map that keeps null values (Map.copyOf would reject them)
        defaultValue = defaultValue == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(defaultValue));
    }
}
