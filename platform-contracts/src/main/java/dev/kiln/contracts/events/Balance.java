package dev.kiln.contracts.events;

/**
 * An account's credits after a ledger movement.
 *
 * @param quota     credits granted to the account
 * @param used      credits captured by finished jobs
 * @param held      credits reserved by jobs still running
 * @param available {@code quota - used - held}
 */
public record Balance(long quota, long used, long held, long available) {
}
