package dev.kiln.contracts.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids. An event produced again for the same fact (a redelivered input, a
 * restarted worker) gets the same id, so every consumer's deduplication recognises it.
 */
public final class EventIds {
    private EventIds() {
    }

    /** A name-based (type 3) UUID of {@code subject} and {@code phase}, e.g. ("img_123", "reserved"). */
    public static UUID of(String subject, String phase) {
        return UUID.nameUUIDFromBytes((subject + "\u0000" + phase).getBytes(StandardCharsets.UTF_8));
    }
}
