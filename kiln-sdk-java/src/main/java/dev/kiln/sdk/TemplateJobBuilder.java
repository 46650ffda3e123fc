package dev.kiln.sdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the builders of template jobs ({@link TemplateImageParams.Builder}, {@link TemplateVideoParams.Builder})
 * share: the template, the property values and the webhook URL.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class TemplateJobBuilder<B extends TemplateJobBuilder<B>> {
    String template;
    List<Property> properties;
    String webhookUrl;

    TemplateJobBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Slug or id of the template; required. */
    public B template(String template) {
        this.template = template;
        return self();
    }

    /** Adds one property; see {@link Property#text}, {@link Property#image}, {@link Property#color}. */
    public B property(Property property) {
        if (properties == null) {
            properties = new ArrayList<>();
        }
        properties.add(Objects.requireNonNull(property, "property"));
        return self();
    }

    /** Sets all properties, replacing those added before. */
    public B properties(List<Property> properties) {
        this.properties = properties == null ? null : new ArrayList<>(properties);
        return self();
    }

    /** Sets all properties, replacing those added before. */
    public B properties(Property... properties) {
        return properties(Arrays.asList(properties));
    }

    /** Where the finished job is POSTed (signed per Standard Webhooks). */
    public B webhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
        return self();
    }

    /** @throws IllegalArgumentException no template */
    void requireTemplate() {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("A template (slug or id) is required");
        }
    }
}
