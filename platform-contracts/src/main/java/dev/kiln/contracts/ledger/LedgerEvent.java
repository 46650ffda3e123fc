package dev.kiln.contracts.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One ledger CloudEvent as Kiln code sees it: the spec-1.0 attributes and the transfer.
 *
 * @param id      CloudEvent {@code id} = {@link TransferData#transferId()}; consumers deduplicate on it
 * @param type    one of {@link LedgerEventTypes}
 * @param subject the Kiln account id
 * @param time    when the transfer was committed
 * @param data    the transfer
 */
public record LedgerEvent(UUID id, String type, String subject, Instant time, TransferData data) {
}
