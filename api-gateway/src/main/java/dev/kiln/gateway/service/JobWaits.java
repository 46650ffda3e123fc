package dev.kiln.gateway.service;

import dev.kiln.contracts.events.JobStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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
public class JobWaits {
    private final ConcurrentHashMap<String, CompletableFuture<JobStatusChanged>> waiting = new ConcurrentHashMap<>();
    private final Set<String> assignedPartitions = ConcurrentHashMap.newKeySet();

    /** Registers interest in the end of {@code jobId}; call before the request is sent. */
    public CompletableFuture<JobStatusChanged> expect(String jobId) {
        CompletableFuture<JobStatusChanged> future = new CompletableFuture<>();
        waiting.put(jobId, future);
        return future;
    }

    /** Hands a job's end ({@code succeeded} or {@code failed}) to the request waiting for it here, if any. */
    public boolean complete(JobStatusChanged end) {
        if (end.status() == null || !end.status().terminal()) {
            return false;
        }
        CompletableFuture<JobStatusChanged> future = waiting.remove(end.jobId());
        return future != null && future.complete(end);
    }

    public void forget(String jobId) {
        waiting.remove(jobId);
    }

    public int waitingCount() {
        return waiting.size();
    }

    public void partitionsAssigned(Collection<String> partitions) {
        assignedPartitions.addAll(partitions);
    }

    public void partitionsRevoked(Collection<String> partitions) {
        assignedPartitions.removeAll(partitions);
    }

    /** Whether the job end consumer owns partitions (and so will see ends from now on). */
    public boolean listening() {
        return !assignedPartitions.isEmpty();
    }

    public int assignedPartitionCount() {
        return assignedPartitions.size();
    }
}
