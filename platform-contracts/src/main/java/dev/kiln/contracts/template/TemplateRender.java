package dev.kiln.contracts.template;

import java.util.List;

/**
 * Everything a template render job needs, fixed at submit: the template as it was then, the
 * request's property values (already validated against the template), and the output options.
 *
 * @param template      snapshot of the template
 * @param properties    values by layer name
 * @param transparent   no background (PNG/WebP with alpha)
 * @param inputMediaUrl template videos: the video the layers are drawn over
 * @param audioUrl      template videos: audio that replaces the input's sound, or null
 */
public record TemplateRender(TemplateDocument template, List<PropertyValue> properties, boolean transparent,
                             String inputMediaUrl, String audioUrl) {
    public TemplateRender {
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
