package dev.kiln.gateway.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.contracts.catalogue.ModelCatalogue;
import dev.kiln.contracts.events.JobSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The answer of {@code POST /v1/account/calculate-cost} (snake_case on the wire): what a create of
 * the same request would cost, and the options it would run with (the model's defaults filled in).
 * Options the type does not have are left out.
 *
 * @param creditsNeeded the price a create of this request carries (its job's {@code credits})
 * @param template      template jobs: the template's slug; null otherwise
 */
@Schema(name = "Quote", description = "The price of a job and the options it would run with",
        example = ApiExamples.QUOTE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quote(
        @Schema(enumeration = {"ai_image", "ai_video", "template_image", "template_video"}) String type,
        @Schema(description = "The model that would run the job (`template-image` / `template-video` for "
                + "template jobs)", example = "MiniMax-Hailuo-2.3") String model,
        @Schema(description = "Credits a create of this request would hold, then capture", example = "50")
        long creditsNeeded,
        String aspectRatio,
        @Schema(description = "ai_image only") String imageSize,
        @Schema(description = "ai_video only") String resolution,
        @Schema(description = "ai_video only") String duration,
        @Schema(description = "Output width in pixels") Integer width,
        @Schema(description = "Output height in pixels") Integer height,
        @Schema(description = "template_image and template_video only: the template's slug") String template) {

    /** The quote of a resolved request. */
    public static Quote of(ModelCatalogue.Priced priced) {
        var spec = priced.spec();
        Map<String, String> options = spec.options();
        return new Quote(spec.kind().wire(), spec.model(), priced.priceCredits(),
                options.get(ModelCatalogue.ASPECT_RATIO), options.get(ModelCatalogue.IMAGE_SIZE),
                options.get(ModelCatalogue.RESOLUTION), options.get(ModelCatalogue.DURATION),
                spec.width(), spec.height(), null);
    }

    /** The quote of a template job: its price, the canvas size and the template's slug. */
    public static Quote ofTemplate(JobSpec spec, long priceCredits) {
        return new Quote(spec.kind().wire(), spec.model(), priceCredits, null, null, null, null, spec.width(),
                spec.height(), spec.render().template().slug());
    }
}
