package dev.kiln.gateway.domain;

import dev.kiln.contracts.template.PropertyValue;

import java.util.List;

/**
 * The values of a template job as its caller sent them (after validation: colours normalised, URLs
 * stripped), kept in the read model ({@code jobs.sent_values}) because the job itself may carry
 * stored-asset references ({@code kiln-asset:<object key>}) in their place. The API shows these.
 *
 * @param properties    the request's property values
 * @param inputMediaUrl template videos: the input video URL; null otherwise
 * @param audioUrl      template videos: the audio URL, or null
 */
public record SentValues(List<PropertyValue> properties, String inputMediaUrl, String audioUrl) {
    public SentValues {
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
