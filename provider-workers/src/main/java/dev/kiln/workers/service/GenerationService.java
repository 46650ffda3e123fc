package dev.kiln.workers.service;

import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.GenerationFailed;
import dev.kiln.contracts.events.GenerationStarted;
import dev.kiln.contracts.events.GenerationSucceeded;
import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.workers.config.WorkerConfig;
import dev.kiln.workers.domain.ErrorCodes;
import dev.kiln.workers.domain.GeneratedOutput;
import dev.kiln.workers.domain.GenerationException;
import dev.kiln.workers.messaging.ResultPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * Runs one dispatched job: reports it started, generates, stores the output and reports the
 * result on {@link dev.kiln.contracts.Topics#GENERATION_RESULTS}.
 *
 * <p><b>Idempotency.</b> The worker keeps no state. A redelivered dispatch is simply run again: the
 * generator is deterministic, so the same object is written under the same key, and the result
 * events carry the same deterministic ids ({@link EventIds#of} of job id and phase), which the
 * orchestrator deduplicates. {@link #run} returns only after Kafka acknowledged the result events;
 * the caller acknowledges the dispatch afterwards, so a crash in between means a redelivery,
 * never a lost result.
 */
@ApplicationScoped
public class GenerationService {
    private static final Logger LOG = Logger.getLogger(GenerationService.class);

    private final AssetStorage storage;
    private final ResultPublisher publisher;
    private final String workerId;

    public GenerationService(AssetStorage storage, ResultPublisher publisher, WorkerConfig config) {
        this.storage = storage;
        this.publisher = publisher;
        this.workerId = config.workerId().orElseGet(GenerationService::defaultWorkerId);
    }

    /** Runs {@code dispatch} with {@code generator}; publishes started and then succeeded or failed. */
    public void run(JobDispatched dispatch, Generator generator) {
        String jobId = dispatch.jobId();
        String accountId = dispatch.accountId();
        String pool = dispatch.pool();

        publisher.publish(new GenerationStarted(EventIds.of(jobId, "generation.started"), Instant.now(),
                jobId, accountId, pool, workerId));

        long started = System.nanoTime();
        try {
            GeneratedOutput output = generate(generator, dispatch);
            String objectKey = AssetStorage.objectKey(accountId, jobId, 0, output.extension());
            store(objectKey, output);
            Asset asset = new Asset(objectKey, output.contentType(), output.data().length, output.width(), output.height());
            publisher.publish(new GenerationSucceeded(EventIds.of(jobId, "generation.succeeded"), Instant.now(),
                    jobId, accountId, pool, List.of(asset)));
            LOG.infof("Job %s: generated %s (%d bytes, %dx%d) in %d ms", jobId, objectKey, asset.bytes(),
                    asset.width(), asset.height(), (System.nanoTime() - started) / 1_000_000);
        } catch (GenerationException e) {
            LOG.warnf("Job %s failed with %s: %s", jobId, e.errorCode(), e.getMessage());
            publisher.publish(new GenerationFailed(EventIds.of(jobId, "generation.failed"), Instant.now(),
                    jobId, accountId, pool, e.errorCode(), e.getMessage()));
        }
    }

    private static GeneratedOutput generate(Generator generator, JobDispatched dispatch) {
        try {
            return generator.generate(dispatch.spec(), dispatch.accountId());
        } catch (GenerationException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Job %s: generator crashed", dispatch.jobId());
            throw new GenerationException(ErrorCodes.INTERNAL_ERROR, "The generator failed unexpectedly", e);
        }
    }

    private void store(String objectKey, GeneratedOutput output) {
        try {
            storage.upload(objectKey, output);
        } catch (Exception e) {
            throw new GenerationException(ErrorCodes.STORAGE_FAILED,
                    "The output could not be stored: " + e.getMessage(), e);
        }
    }

    private static String defaultWorkerId() {
        try {
            return "provider-workers@" + InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "provider-workers";
        }
    }
}
