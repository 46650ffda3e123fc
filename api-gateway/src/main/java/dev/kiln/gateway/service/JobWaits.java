package dev.kiln.gateway.service;

import dev.kiln.contracts.events.JobStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Requests of this replica held open by {@code Prefer: wait=N} until their job ends (job id →
 * future), and whether this replica hears job ends at all.
 *
 * <p>Every replica reads the whole status topic in its own consumer group
 * ({@code api-gateway-waits-<uuid>}, latest offset, nothing committed) and completes only the
 * futures it holds; the ends of other replicas' jobs find no entry and are dropped. So the replica
 * that holds a request learns its job's end, whichever replica's shared consumer updates the read
 * model. Entries are removed when the request is answered, so the map holds only waiting requests.
 */
@ApplicationScoped
public class JobWaits extends ReplicaWaiters<JobStatusChanged> {

    /** Hands a job's end ({@code succeeded} or {@code failed}) to the request waiting for it here, if any. */
    public boolean complete(JobStatusChanged end) {
        if (end.status() == null || !end.status().terminal()) {
            return false;
        }
        return deliver(end);
    }
}
