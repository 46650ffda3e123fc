package dev.kiln.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.kiln.contracts.events.JobKind;

import java.util.Arrays;

/** A plan-gated capability; one per kind of job (the wire names are the {@link JobKind} ones). */
public enum Feature {
    TEMPLATE_IMAGE("template_image"),
    TEMPLATE_VIDEO("template_video"),
    AI_IMAGE("ai_image"),
    AI_VIDEO("ai_video");

    private final String wire;

    Feature(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The feature a job of this kind needs. */
    public static Feature of(JobKind kind) {
        return switch (kind) {
            case TEMPLATE_IMAGE -> TEMPLATE_IMAGE;
            case TEMPLATE_VIDEO -> TEMPLATE_VIDEO;
            case AI_IMAGE -> AI_IMAGE;
            case AI_VIDEO -> AI_VIDEO;
        };
    }

    @JsonCreator
    public static Feature fromWire(String wire) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown feature: " + wire));
    }
}
