package dev.kiln.webhooks.domain;

/**
 * A due delivery leased to this replica for one attempt.
 *
 * @param attempts attempts made before this one (the lease is only honoured while it is unchanged)
 * @param secret   the account's {@code whsec_} secret, or null if it is not known yet
 */
public record ClaimedDelivery(String id, String accountId, String url, String payload, int attempts, String secret) {
}
