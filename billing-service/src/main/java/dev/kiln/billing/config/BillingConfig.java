package dev.kiln.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Billing's rules that operators may tune. */
@ConfigMapping(prefix = "kiln.billing")
public interface BillingConfig {

    /**
     * How long a hold may stay pending. A hold whose job has not ended by then is voided by the
     * expiry sweep (and a later end of that job captures nothing). Must exceed the orchestrator's
     * job timeout (15 minutes by default), which fails jobs that hang.
     */
    @WithDefault("1h")
    Duration holdTtl();

    /** Plan periods. */
    Period period();

    /** Background sweeps (hold expiry, period closing). */
    Sweep sweep();

    /** The ledger reconciliation check. */
    Reconciliation reconciliation();

    interface Period {
        /** Length of a plan period in calendar months (UTC), counted from the account's opening. */
        @WithDefault("1")
        int months();

        /** A fixed period length instead of months (e.g. {@code 7d} for weekly credits). */
        Optional<Duration> fixedLength();

        /** What happens to unused plan credits at the end of a period: {@code expire} or {@code roll-over}. */
        @WithDefault("expire")
        UnusedCredits unusedPlanCredits();

        /** Whether operator top-ups also expire at the end of a period (by default they never expire). */
        @WithDefault("false")
        boolean expireTopups();
    }

    enum UnusedCredits { EXPIRE, ROLL_OVER }

    interface Sweep {
        /** How often expired holds are voided and ended periods closed. */
        @WithDefault("10s")
        Duration interval();

        /** Most holds (or periods) one sweep transaction handles. */
        @WithDefault("500")
        int batchSize();
    }

    interface Reconciliation {
        /** How often the scheduled reconciliation runs (its last result feeds the health check and metrics). */
        @WithDefault("5m")
        Duration interval();

        /**
         * Slack for the "no pending hold older than its TTL" invariant: the sweep runs every
         * {@code sweep.interval}, so a hold may be that much overdue before it counts as leaked.
         */
        @WithDefault("2m")
        Duration expiryGrace();
    }
}
