package dev.kiln.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator moved an account to another plan. Billing grants the new plan's monthly credits from
 * the next plan period on. Topic {@link dev.kiln.contracts.Topics#ACCOUNTS}, key = account id.
 *
 * @param eventId        {@code EventIds.of(changeId, "plan_changed")}
 * @param jobId          always null (an account-level event)
 * @param plan           the new plan id ({@code free}, {@code automate}, {@code scale}, {@code enterprise})
 * @param previousPlan   the plan before the change
 * @param monthlyCredits the new plan's credits per period, from the plan catalogue at the time of the change
 */
public record AccountPlanChanged(UUID eventId, Instant occurredAt, String jobId, String accountId, String plan,
                                 String previousPlan, long monthlyCredits) implements KilnEvent {
}
