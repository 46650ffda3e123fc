package dev.kiln.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a job produces. */
public enum JobKind {
    AI_IMAGE("ai_image"),
    AI_VIDEO("ai_video"),
    TEMPLATE_IMAGE("template_image"),
    TEMPLATE_VIDEO("template_video");

    private final String wire;

    JobKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
