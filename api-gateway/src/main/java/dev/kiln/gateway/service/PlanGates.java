package dev.kiln.gateway.service;

import dev.kiln.contracts.catalogue.Feature;
import dev.kiln.contracts.catalogue.PlanCatalogue;
import dev.kiln.gateway.domain.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Which plans include which features, from the plan catalogue ({@code kiln/plans.json}; seed Plan
 * Limits: video generation Automate and up, AI image and AI video generation Scale and up).
 */
@ApplicationScoped
public class PlanGates {
    private final PlanCatalogue catalogue;

    public PlanGates(PlanCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The PlanRestrictedError for {@code plan} and {@code feature}, or null if the plan includes it. */
    public ApiException refusal(PlanCatalogue.Plan plan, Feature feature) {
        if (plan.allows(feature)) {
            return null;
        }
        PlanCatalogue.Plan needed = catalogue.minimumPlanFor(feature);
        List<PlanCatalogue.Plan> all = catalogue.all();
        boolean highest = all.get(all.size() - 1).id().equals(needed.id());
        return ApiException.planRestricted(describe(feature) + " requires the " + needed.name() + " plan"
                + (highest ? "" : " or higher") + "; this account is on the " + plan.name() + " plan");
    }

    static String describe(Feature feature) {
        return switch (feature) {
            case TEMPLATE_IMAGE -> "Image generation";
            case TEMPLATE_VIDEO -> "Video generation";
            case AI_IMAGE -> "AI image generation";
            case AI_VIDEO -> "AI video generation";
        };
    }
}
