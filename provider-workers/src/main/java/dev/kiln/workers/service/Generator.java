package dev.kiln.workers.service;

import dev.kiln.contracts.events.JobSpec;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;

/**
 * Produces the output of one job. Each worker pool has one generator: the built-in local stand-ins
 * ({@link LocalImageGenerator} for the image pools, {@link LocalVideoGenerator} for the video pools;
 * not AI, see {@link LocalGenerator}), the template renderers ({@link TemplateImageGenerator},
 * {@link TemplateVideoGenerator}), upstream model adapters for pools added later.
 * Implementations are called on a worker thread and may block.
 */
public interface Generator {
    /**
     * Generates the output described by {@code spec} for a job of account {@code accountId} (the
     * account whose stored assets, {@code kiln-asset:} references, the job may read).
     *
     * @throws GenerationException with a stable error code ({@code generation_failed}, or the
     *                             generator's own codes) when the output cannot be produced
     */
    GeneratedOutput generate(JobSpec spec, String accountId);
}
