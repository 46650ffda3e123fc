package dev.kiln.gateway.service;

import dev.kiln.contracts.events.KilnEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests of this replica that wait for billing's reservation decision (job id → future), and
 * whether this replica is able to hear the decisions at all.
 *
 * <p>Every replica reads the whole reservations topic in its own consumer group and completes
 * only the futures it holds; decisions for other replicas' requests find no entry and are
 * dropped. Entries are removed when answered or timed out, so the map holds only in-flight
 * requests.
 */
@ApplicationScoped
public class ReservationReplies {
    private final ConcurrentHashMap<String, CompletableFuture<KilnEvent>> waiting = new ConcurrentHashMap<>();
    private final Set<String> assignedPartitions = ConcurrentHashMap.newKeySet();

    /** Registers interest in the decision for {@code jobId}; call before the request is sent. */
    public CompletableFuture<KilnEvent> expect(String jobId) {
        CompletableFuture<KilnEvent> future = new CompletableFuture<>();
        waiting.put(jobId, future);
        return future;
    }

    /** Hands a decision to the request waiting for it, if it waits on this replica. */
    public boolean complete(KilnEvent decision) {
        CompletableFuture<KilnEvent> future = waiting.remove(decision.jobId());
        return future != null && future.complete(decision);
    }

    public void forget(String jobId) {
        waiting.remove(jobId);
    }

    public int inFlight() {
        return waiting.size();
    }

    public void partitionsAssigned(Collection<String> partitions) {
        assignedPartitions.addAll(partitions);
    }

    public void partitionsRevoked(Collection<String> partitions) {
        assignedPartitions.removeAll(partitions);
    }

    /** Whether the reply consumer owns partitions (and so will see decisions from now on). */
    public boolean listening() {
        return !assignedPartitions.isEmpty();
    }

    public int assignedPartitionCount() {
        return assignedPartitions.size();
    }
}
