package dev.kiln.billing.domain;

/**
 * How much of a hold a finished job captures. A job priced for {@code units} outputs that delivers
 * {@code delivered} of them captures {@code price × min(delivered, units) / units}, rounded down (in
 * the customer's favour); the rest of the hold returns to the customer. A failed job captures nothing.
 * Example: 4 images asked for 16 credits, 3 delivered → 12 credits captured, 4 returned.
 */
public final class CaptureRule {
    private CaptureRule() {
    }

    public static long captured(long price, int units, int delivered) {
        if (price < 0) {
            throw new IllegalArgumentException("price < 0");
        }
        int paidFor = Math.max(1, units);
        int got = Math.max(0, Math.min(delivered, paidFor));
        return Math.multiplyExact(price, got) / paidFor;
    }
}
