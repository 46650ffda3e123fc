package dev.kiln.workers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the worker pools ({@code kiln.workers.*}). */
@ConfigMapping(prefix = "kiln.workers")
public interface WorkerConfig {
    /**
     * A prompt starting with this marker makes the local generator fail with error code
     * {@code generation_failed}: a documented switch to exercise the failure path end to end.
     */
    @WithDefault("kiln:fail")
    String failureMarker();

    /**
     * Name this worker instance reports in {@code generation.started} events; defaults to
     * {@code provider-workers@<host name>}.
     */
    Optional<String> workerId();
}
