package dev.kiln.sdk;

/**
 * The body of {@code POST /ai/videos}; {@code null} fields are not sent and take the API's defaults.
 *
 * @param prompt      text description of the video (required)
 * @param model       default {@code MiniMax-Hailuo-2.3}
 * @param aspectRatio default {@code 16:9}
 * @param resolution  e.g. {@code 768p}, {@code 1080p}; default {@code 768p}
 * @param duration    {@code 4s}, {@code 6s}, {@code 8s} or {@code 10s} as the model allows; default {@code 6s}
 * @param webhookUrl  where the finished job is POSTed (signed per Standard Webhooks)
 */
public record AiVideoParams(String prompt, String model, String aspectRatio, String resolution, String duration,
                            String webhookUrl) {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String prompt;
        private String model;
        private String aspectRatio;
        private String resolution;
        private String duration;
        private String webhookUrl;

        private Builder() {
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder aspectRatio(String aspectRatio) {
            this.aspectRatio = aspectRatio;
            return this;
        }

        public Builder resolution(String resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder duration(String duration) {
            this.duration = duration;
            return this;
        }

        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        public AiVideoParams build() {
            return new AiVideoParams(prompt, model, aspectRatio, resolution, duration, webhookUrl);
        }
    }
}
