package dev.kiln.sdk;

import java.util.List;

/**
 * The body of {@code POST /videos}; {@code null} fields are not sent and take the API's defaults.
 *
 * @param template      slug or id of a template the account sees (required)
 * @param inputMediaUrl the video (or still image) the template's layers are drawn over: an http/https URL
 *                      or the URL of one of the account's own outputs (required)
 * @param properties    values for layers by layer name, or {@code null}; layers not named keep their defaults
 * @param audioUrl      background audio, or {@code null} to keep the input's sound
 * @param audioMode     {@code replace} (default: the audio replaces the input's sound) or {@code mix}
 *                      (the audio is mixed under it)
 * @param webhookUrl    where the finished job is POSTed (signed per Standard Webhooks)
 */
public record TemplateVideoParams(String template, String inputMediaUrl, List<Property> properties, String audioUrl,
                                  String audioMode, String webhookUrl) {
    public TemplateVideoParams {
        properties = properties == null ? null : List.copyOf(properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends TemplateJobBuilder<Builder> {
        private String inputMediaUrl;
        private String audioUrl;
        private String audioMode;

        private Builder() {
        }

        /** The video (or still image) to draw the template over; required. */
        public Builder inputMediaUrl(String inputMediaUrl) {
            this.inputMediaUrl = inputMediaUrl;
            return this;
        }

        /** Background audio; without it the input's own sound is kept. */
        public Builder audioUrl(String audioUrl) {
            this.audioUrl = audioUrl;
            return this;
        }

        /** {@code replace} (default) or {@code mix}. */
        public Builder audioMode(String audioMode) {
            this.audioMode = audioMode;
            return this;
        }

        /** @throws IllegalArgumentException no template or no input media */
        public TemplateVideoParams build() {
            requireTemplate();
            if (inputMediaUrl == null || inputMediaUrl.isBlank()) {
                throw new IllegalArgumentException("An input media URL is required");
            }
            return new TemplateVideoParams(template, inputMediaUrl, properties, audioUrl, audioMode, webhookUrl);
        }
    }
}
