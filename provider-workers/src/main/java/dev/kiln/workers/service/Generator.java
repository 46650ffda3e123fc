package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;

/**
 * Produces the output of one job. Each worker pool has one generator: the built-in local stand-ins
 * ({@link LocalImageGenerator} for the image pools, {@link LocalVideoGenerator} for the video pools;
 * not AI, see {@link LocalGenerator}), upstream model adapters for pools added later.
 * Implementations are called on a worker thread and may block.
 */
public interface Generator {
    /**
     * Generates the output described by {@code spec}.
     *
     * @throws GenerationException with error code {@code generation_failed} when the output cannot be produced
     */
    GeneratedOutput generate(JobSpec spec);
}
