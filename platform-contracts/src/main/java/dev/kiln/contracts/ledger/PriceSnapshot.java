package dev.kiln.contracts.ledger;

import java.util.Map;

/**
 * The price fixed when a job was submitted; a capture uses it even if the price table changed since.
 *
 * @param credits the job's price in credits (what the hold holds)
 * @param model   catalogue model id
 * @param options the priced options, e.g. {@code image_size=1K, aspect_ratio=1:1}
 * @param units   outputs the price pays for (a partial result captures {@code credits × delivered / units},
 *                rounded down)
 */
public record PriceSnapshot(long credits, String model, Map<String, String> options, int units) {
    public PriceSnapshot {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
