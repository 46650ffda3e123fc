package dev.kiln.workers.messaging;

import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.workers.service.GenerationService;
import dev.kiln.workers.service.Generator;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What every pool does with a record of its dispatch topic: skip what is not a
 * {@link JobDispatched}, then run the job with the pool's generator. A pool is just
 * (name, generator); see {@link WorkerPools}.
 */
@ApplicationScoped
public class PoolDispatcher {
    private static final Logger LOG = Logger.getLogger(PoolDispatcher.class);

    private final GenerationService service;

    public PoolDispatcher(GenerationService service) {
        this.service = service;
    }

    /** Handles one record of {@code pool}'s dispatch topic with {@code generator}; blocks until the results are acknowledged. */
    public void handle(String pool, Generator generator, KilnEvent event) {
        if (event == null) {
            LOG.warnf("Skipping a record on the %s dispatch topic that is not a Kiln event", pool);
            return;
        }
        if (!(event instanceof JobDispatched dispatch)) {
            LOG.warnf("Skipping %s event %s for job %s on the %s dispatch topic: not a dispatch",
                    event.type(), event.eventId(), event.jobId(), pool);
            return;
        }
        if (!pool.equals(dispatch.pool())) {
            LOG.warnf("Job %s was dispatched for pool %s but arrived on the %s topic; running it here",
                    dispatch.jobId(), dispatch.pool(), pool);
        }
        LOG.debugf("Job %s: dispatch %s received by pool %s", dispatch.jobId(), dispatch.eventId(), pool);
        service.run(dispatch, generator);
    }
}
