package dev.kiln.sdk;

import java.util.List;

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

    public static final class Builder extends TemplateJobBuilder<Builder> {
        private Boolean transparent;

        private Builder() {
        }

        public Builder transparent(boolean transparent) {
            this.transparent = transparent;
            return this;
        }

        /** @throws IllegalArgumentException no template */
        public TemplateImageParams build() {
            requireTemplate();
            return new TemplateImageParams(template, properties, transparent, webhookUrl);
        }
    }
}
