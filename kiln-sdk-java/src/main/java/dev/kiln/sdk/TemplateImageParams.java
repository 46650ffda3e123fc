package dev.kiln.sdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /images}; {@code null} fields are not sent and take the API's defaults.
 *
 * @param template    slug or id of a template the account sees (required)
 * @param properties  values for layers by layer name, or {@code null}; layers not named keep their defaults
 * @param transparent no background (a PNG with alpha); default {@code false}
 * @param webhookUrl  where the finished job is POSTed (signed per Standard Webhooks)
 */
public record TemplateImageParams(String template, List<Property> properties, Boolean transparent, String webhookUrl) {
    public TemplateImageParams {
        properties = properties == null ? null : List.copyOf(properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String template;
        private List<Property> properties;
        private Boolean transparent;
        private String webhookUrl;

        private Builder() {
        }

        /** Slug or id of the template; required. */
        public Builder template(String template) {
            this.template = template;
            return this;
        }

        /** Adds one property; see {@link Property#text}, {@link Property#image}, {@link Property#color}. */
        public Builder property(Property property) {
            if (properties == null) {
                properties = new ArrayList<>();
            }
            properties.add(Objects.requireNonNull(property, "property"));
            return this;
        }

        /** Sets all properties, replacing those added before. */
        public Builder properties(List<Property> properties) {
            this.properties = properties == null ? null : new ArrayList<>(properties);
            return this;
        }

        /** Sets all properties, replacing those added before. */
        public Builder properties(Property... properties) {
            return properties(Arrays.asList(properties));
        }

        public Builder transparent(boolean transparent) {
            this.transparent = transparent;
            return this;
        }

        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        /** @throws IllegalArgumentException no template */
        public TemplateImageParams build() {
            if (template == null || template.isBlank()) {
                throw new IllegalArgumentException("A template (slug or id) is required");
            }
            return new TemplateImageParams(template, properties, transparent, webhookUrl);
        }
    }
}
