package dev.kiln.gateway.service;

import dev.kiln.contracts.events.JobRequested;
import dev.kiln.gateway.config.GatewayConfig;
import dev.kiln.gateway.domain.ApiException;
import dev.kiln.gateway.domain.Caller;
import dev.kiln.gateway.persistence.JobRepository;
import dev.kiln.gateway.persistence.KeySpendStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Credits spent per API key — held or captured by the jobs submitted with it — and the key's credit
 * cap. Consistency model:
 * <ul>
 *     <li>The counter lives in Redis ({@link KeySpendStore}) and is changed atomically: the cap check
 *     and the increment are one script, run <em>before</em> the request is sent, so concurrent
 *     submits on any number of replicas can never together pass the cap.</li>
 *     <li>The price is given back exactly once when billing rejects the request
 *     ({@code ReservationRejected}, seen by every replica's reply consumer) or the job fails
 *     ({@code JobStatusChanged(failed)}, seen by the shared status consumer): whoever first takes the
 *     job's record gives back; everyone else finds nothing.</li>
 *     <li>Errors are on the safe side: a lost give-back (Redis unreachable at that moment, or every
 *     replica down when billing rejects an expired request) leaves the key counted too high, never
 *     too low. A counter that is missing (Redis flushed) is re-seeded from the jobs read model
 *     (price of the key's jobs that did not fail), which misses only jobs still waiting for billing.</li>
 *     <li>Keys with a cap fail closed (503, nothing sent) when Redis does not answer; keys without a
 *     cap are only counted, so they fail open (logged).</li>
 * </ul>
 */
@ApplicationScoped
public class KeySpend {
    private static final Logger LOG = Logger.getLogger(KeySpend.class);
    /** How long an unsettled job's record is kept: longer than any job runs. */
    static final Duration JOB_RECORD_TTL = Duration.ofDays(7);

    private final KeySpendStore store;
    private final JobRepository jobs;
    private final Duration timeout;

    public KeySpend(KeySpendStore store, JobRepository jobs, GatewayConfig config) {
        this.store = store;
        this.jobs = jobs;
        this.timeout = config.redisTimeout();
    }

    /**
     * Counts {@code request}'s price against the caller's key, or refuses it with 402
     * QuotaExceededError when that would pass the key's credit cap. Blocking.
     */
    public void take(Caller caller, JobRequested request) {
        long price = request.priceCredits();
        Long cap = caller.creditLimit();
        try {
            KeySpendStore.Take take = store.take(caller.keyId(), price, cap).await().atMost(timeout);
            if (take.outcome() == KeySpendStore.Outcome.UNKNOWN) {
                store.seed(caller.keyId(), spentFromReadModel(caller.keyId())).await().atMost(timeout);
                take = store.take(caller.keyId(), price, cap).await().atMost(timeout);
            }
            if (take.outcome() == KeySpendStore.Outcome.REFUSED) {
                throw ApiException.quotaExceeded("API key credit limit reached: this request needs " + price
                        + " credits, " + Math.max(0, cap - take.spent()) + " of the key's " + cap + " remain");
            }
            if (take.outcome() == KeySpendStore.Outcome.TAKEN) {
                store.rememberJob(request.jobId(), caller.keyId(), price, JOB_RECORD_TTL).await().atMost(timeout);
            }
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            if (cap != null) {
                LOG.warnf("Key spend unavailable (%s); refusing a request of capped key %s", e.toString(), caller.keyId());
                throw ApiException.serviceUnavailable("The API key's credit limit cannot be checked right now; "
                        + "the request was not charged. Retry later.");
            }
            LOG.warnf("Key spend unavailable (%s); job %s of key %s not counted", e.toString(), request.jobId(),
                    caller.keyId());
        }
    }

    /** Gives the price of {@code jobId} back to its key (rejected or failed), at most once. Blocking. */
    public void giveBack(String jobId) {
        try {
            if (store.giveBack(jobId).await().atMost(timeout)) {
                LOG.debugf("Gave back the credits of job %s to its key", jobId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not give back the credits of job %s to its key (the key stays counted): %s", jobId,
                    e.toString());
        }
    }

    /** As {@link #giveBack(String)}, without blocking (reply consumer). */
    public Uni<Void> giveBackAsync(String jobId) {
        return store.giveBack(jobId).ifNoItem().after(timeout).fail().replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not give back the credits of job %s to its key (the key stays counted): %s",
                            jobId, e.toString());
                    return null;
                });
    }

    /** The job succeeded: its price stays counted. Blocking. */
    public void settled(String jobId) {
        try {
            store.settle(jobId).await().atMost(timeout);
        } catch (RuntimeException e) {
            LOG.debugf("Could not drop the spend record of job %s (it expires): %s", jobId, e.toString());
        }
    }

    /** Credits held or captured by the key's jobs. Blocking. */
    public long spent(String keyId) {
        try {
            Long spent = store.spent(keyId).await().atMost(timeout);
            if (spent != null) {
                return spent;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Key spend unavailable (%s); reading it from the jobs read model", e.toString());
        }
        return spentFromReadModel(keyId);
    }

    private long spentFromReadModel(String keyId) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.spentByKey(keyId));
    }
}
