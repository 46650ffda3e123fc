package dev.kiln.sdk;

/**
 * The body of {@code POST /ai/images}; {@code null} fields are not sent and take the API's defaults.
 *
 * @param prompt      text description of the image (required)
 * @param model       default {@code gemini-2.5-flash-image}
 * @param aspectRatio default {@code 1:1}
 * @param imageSize   {@code 512}, {@code 1K}, {@code 2K}, {@code 4K} or {@code HD} as the model allows; default {@code 1K}
 * @param webhookUrl  where the finished job is POSTed (signed per Standard Webhooks)
 */
public record AiImageParams(String prompt, String model, String aspectRatio, String imageSize, String webhookUrl) {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String prompt;
        private String model;
        private String aspectRatio;
        private String imageSize;
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

        public Builder imageSize(String imageSize) {
            this.imageSize = imageSize;
            return this;
        }

        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        public AiImageParams build() {
            return new AiImageParams(prompt, model, aspectRatio, imageSize, webhookUrl);
        }
    }
}
