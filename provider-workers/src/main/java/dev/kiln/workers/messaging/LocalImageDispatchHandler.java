package dev.kiln.workers.messaging;

import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.workers.service.GenerationService;
import dev.kiln.workers.service.LocalImageGenerator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The {@code local-image} pool: consumes {@code kiln.jobs.dispatch.local-image.v1} (channel
 * {@code local-image-dispatch}, group {@code provider-workers-local-image}) and runs each job with
 * the {@link LocalImageGenerator}. The pool can be switched off with
 * {@code KILN_POOL_LOCAL_IMAGE_ENABLED=false}.
 *
 * <p>Generation is CPU work, so it runs on the named worker pool {@code local-image-pool} (its
 * concurrency is {@code KILN_POOL_LOCAL_IMAGE_CONCURRENCY}). The record is acknowledged when this
 * method returns, i.e. after the result events were acknowledged by Kafka.
 */
@ApplicationScoped
public class LocalImageDispatchHandler {
    public static final String POOL = "local-image";
    private static final Logger LOG = Logger.getLogger(LocalImageDispatchHandler.class);

    private final GenerationService service;
    private final LocalImageGenerator generator;

    public LocalImageDispatchHandler(GenerationService service, LocalImageGenerator generator) {
        this.service = service;
        this.generator = generator;
    }

    @Incoming("local-image-dispatch")
    @Blocking(value = "local-image-pool", ordered = false)
    public void onDispatch(KilnEvent event) {
        if (event == null) {
            LOG.warn("Skipping a record on the local-image dispatch topic that is not a Kiln event");
            return;
        }
        if (!(event instanceof JobDispatched dispatch)) {
            LOG.warnf("Skipping %s event %s for job %s: not a dispatch", event.type(), event.eventId(), event.jobId());
            return;
        }
        if (!POOL.equals(dispatch.pool())) {
            LOG.warnf("Job %s was dispatched for pool %s but arrived on the %s topic; running it here",
                    dispatch.jobId(), dispatch.pool(), POOL);
        }
        LOG.debugf("Job %s: dispatch %s received", dispatch.jobId(), dispatch.eventId());
        service.run(dispatch, generator);
    }
}
