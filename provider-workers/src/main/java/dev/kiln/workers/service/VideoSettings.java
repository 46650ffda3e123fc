package dev.kiln.workers.service;

import java.time.Duration;

/**
 * How the local video stand-in encodes.
 *
 * @param fps             frames per second (kept modest: encoding is CPU work)
 * @param defaultDuration length of a clip whose spec has no {@code duration} option
 * @param maxDuration     longest clip rendered; longer requests fail with {@code generation_failed}
 */
public record VideoSettings(int fps, Duration defaultDuration, Duration maxDuration) {
    public VideoSettings {
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60, not " + fps);
        }
        if (defaultDuration.isNegative() || defaultDuration.isZero() || maxDuration.compareTo(defaultDuration) < 0) {
            throw new IllegalArgumentException("need 0 < default duration <= max duration");
        }
    }

    /** 8 fps, 6 s default, 60 s max. */
    public static VideoSettings defaults() {
        return new VideoSettings(8, Duration.ofSeconds(6), Duration.ofSeconds(60));
    }
}
