package dev.kiln.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Templates and template renders ({@code kiln.templates.*}). */
@ConfigMapping(prefix = "kiln.templates")
public interface TemplatesConfig {

    /**
     * Price of one template image ({@code POST /v1/images}) in credits, whatever the template's size
     * or number of layers. Fixed into the job at submit ({@code JobRequested.price_credits}).
     */
    @WithDefault("1")
    long imageCredits();

    /**
     * Price of one template video ({@code POST /v1/videos}) in credits, whatever the template, the input
     * video's length or the audio. Fixed into the job at submit ({@code JobRequested.price_credits}).
     */
    @WithDefault("5")
    long videoCredits();
}
