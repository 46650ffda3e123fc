package dev.kiln.contracts.catalogue;

import dev.kiln.contracts.json.KilnJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subscription plans: monthly credits, the features each unlocks, and default per-API-key
 * rate limits. Data ({@code kiln/plans.json}), read once; plans are listed from the lowest tier
 * to the highest, and a feature unlocked by a plan is unlocked by every higher one.
 */
public final class PlanCatalogue {
    public static final String RESOURCE = "kiln/plans.json";

    private final Map<String, Plan> plans;

    private PlanCatalogue(Map<String, Plan> plans) {
        this.plans = plans;
    }

    /** The plans shipped with Kiln. */
    public static PlanCatalogue load() {
        try (InputStream in = PlanCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PlanCatalogue parse(InputStream json) throws IOException {
        Document doc = KilnJson.mapper().readValue(json, Document.class);
        Map<String, Plan> byId = new LinkedHashMap<>();
        int tier = 0;
        Set<Feature> previous = EnumSet.noneOf(Feature.class);
        for (Plan p : doc.plans()) {
            Plan plan = new Plan(p.id(), p.name(), tier++, p.monthlyCredits(), p.priceUsdPerMonth(), p.bandwidthGb(),
                    p.features(), p.rateLimits());
            if (plan.monthlyCredits() < 0 || plan.rateLimits() == null
                    || plan.rateLimits().perMinute() <= 0 || plan.rateLimits().perHour() <= 0) {
                throw new IllegalStateException("Invalid " + RESOURCE + ": plan " + plan.id() + " needs credits and rate limits");
            }
            if (!plan.features().containsAll(previous)) {
                throw new IllegalStateException("Invalid " + RESOURCE + ": plan " + plan.id()
                        + " must include every feature of the plans below it");
            }
            previous = plan.features().isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(plan.features());
            if (byId.putIfAbsent(plan.id(), plan) != null) {
                throw new IllegalStateException("Invalid " + RESOURCE + ": duplicate plan " + plan.id());
            }
        }
        return new PlanCatalogue(byId);
    }

    /** Every plan, lowest tier first. */
    public List<Plan> all() {
        return List.copyOf(plans.values());
    }

    public Optional<Plan> find(String planId) {
        return Optional.ofNullable(planId == null ? null : plans.get(planId));
    }

    /** The plan, or {@link IllegalArgumentException} naming the known plans. */
    public Plan plan(String planId) {
        return find(planId).orElseThrow(() -> new IllegalArgumentException(
                "Unknown plan '" + planId + "'; known plans: " + String.join(", ", plans.keySet())));
    }

    /** Whether {@code planId} includes {@code feature}; throws for an unknown plan. */
    public boolean allows(String planId, Feature feature) {
        return plan(planId).allows(feature);
    }

    /** The lowest plan that includes {@code feature}. */
    public Plan minimumPlanFor(Feature feature) {
        return plans.values().stream().filter(p -> p.allows(feature)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No plan includes " + feature.wire()));
    }

    /** Credits granted each month; throws for an unknown plan. */
    public long monthlyCredits(String planId) {
        return plan(planId).monthlyCredits();
    }

    /** Default per-API-key rate limits; throws for an unknown plan. */
    public RateLimits rateLimits(String planId) {
        return plan(planId).rateLimits();
    }

    /**
     * One plan.
     *
     * @param tier             0 for the lowest plan, increasing
     * @param priceUsdPerMonth list price, 0 for the free trial; {@code null} if not published
     * @param bandwidthGb      monthly asset bandwidth; {@code null} where the plan has none listed
     */
    public record Plan(String id, String name, int tier, long monthlyCredits, Integer priceUsdPerMonth,
                       Integer bandwidthGb, Set<Feature> features, RateLimits rateLimits) {
        public Plan {
            features = features == null || features.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(features));
        }

        public boolean allows(Feature feature) {
            return features.contains(feature);
        }
    }

    /** Requests allowed per API key in each window; both apply. */
    public record RateLimits(int perMinute, int perHour) {
    }

    record Document(List<Plan> plans) {
    }
}
