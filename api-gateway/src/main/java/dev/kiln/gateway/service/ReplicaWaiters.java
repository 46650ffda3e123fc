package dev.kiln.gateway.service;

import dev.kiln.contracts.events.KilnEvent;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests held open on this replica until an event about their job arrives (job id → future),
 * and whether this replica hears those events at all.
 *
 * <p>Each replica reads the whole topic in a consumer group of its own (latest offset, nothing
 * committed) and completes only the futures it holds; events for other replicas' requests find no
 * entry and are dropped. Entries are removed when completed or given up, so the map holds only
 * waiting requests. Readiness follows {@link #listening()}: before the consumer owns partitions
 * an event could be missed.
 *
 * @param <E> the event that ends the wait
 */
public abstract class ReplicaWaiters<E extends KilnEvent> {
    private final ConcurrentHashMap<String, CompletableFuture<E>> waiting = new ConcurrentHashMap<>();
    private final Set<String> assignedPartitions = ConcurrentHashMap.newKeySet();

    /** Registers interest in {@code jobId}; call before the request that causes the event is sent. */
    public CompletableFuture<E> expect(String jobId) {
        CompletableFuture<E> future = new CompletableFuture<>();
        waiting.put(jobId, future);
        return future;
    }

    /** Hands {@code event} to the request waiting for its job on this replica, if any. */
    protected boolean deliver(E event) {
        CompletableFuture<E> future = waiting.remove(event.jobId());
        return future != null && future.complete(event);
    }

    public void forget(String jobId) {
        waiting.remove(jobId);
    }

    /** Requests waiting on this replica now. */
    public int inFlight() {
        return waiting.size();
    }

    public void partitionsAssigned(Collection<String> partitions) {
        assignedPartitions.addAll(partitions);
    }

    public void partitionsRevoked(Collection<String> partitions) {
        assignedPartitions.removeAll(partitions);
    }

    /** Whether the consumer owns partitions (and so will see the events from now on). */
    public boolean listening() {
        return !assignedPartitions.isEmpty();
    }

    public int assignedPartitionCount() {
        return assignedPartitions.size();
    }
}
