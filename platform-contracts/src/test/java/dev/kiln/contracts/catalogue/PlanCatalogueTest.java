package dev.kiln.contracts.catalogue;

import dev.kiln.contracts.events.JobKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 000's "Plan Limits" table, and the rate-limit defaults of seeds 001 and 002. */
class PlanCatalogueTest {
    static final PlanCatalogue PLANS = PlanCatalogue.load();

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "free, TEMPLATE_IMAGE, true", "free, TEMPLATE_VIDEO, false", "free, AI_IMAGE, false", "free, AI_VIDEO, false",
            "automate, TEMPLATE_IMAGE, true", "automate, TEMPLATE_VIDEO, true", "automate, AI_IMAGE, false", "automate, AI_VIDEO, false",
            "scale, TEMPLATE_IMAGE, true", "scale, TEMPLATE_VIDEO, true", "scale, AI_IMAGE, true", "scale, AI_VIDEO, true",
            "enterprise, TEMPLATE_IMAGE, true", "enterprise, TEMPLATE_VIDEO, true", "enterprise, AI_IMAGE, true", "enterprise, AI_VIDEO, true"})
    void featureGates(String plan, Feature feature, boolean allowed) {
        assertThat(PLANS.allows(plan, feature)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"free, Free Trial, 30, 60, 100", "automate, Automate, 1000, 60, 500", "scale, Scale, 10000, 60, 1000",
            "enterprise, Enterprise, 50000, 120, 5000"})
    void creditsAndRateLimits(String plan, String name, long credits, int perMinute, int perHour) {
        assertThat(PLANS.monthlyCredits(plan)).isEqualTo(credits);
        assertThat(PLANS.plan(plan).name()).isEqualTo(name);
        assertThat(PLANS.rateLimits(plan)).isEqualTo(new PlanCatalogue.RateLimits(perMinute, perHour));
    }

    @Test
    void minimumPlansAndOrder() {
        assertThat(PLANS.all()).extracting(PlanCatalogue.Plan::id).containsExactly("free", "automate", "scale", "enterprise");
        assertThat(PLANS.all()).extracting(PlanCatalogue.Plan::tier).containsExactly(0, 1, 2, 3);
        assertThat(PLANS.minimumPlanFor(Feature.TEMPLATE_IMAGE).id()).isEqualTo("free");
        assertThat(PLANS.minimumPlanFor(Feature.TEMPLATE_VIDEO).id()).isEqualTo("automate");
        assertThat(PLANS.minimumPlanFor(Feature.AI_IMAGE).id()).isEqualTo("scale");
        assertThat(PLANS.minimumPlanFor(Feature.AI_VIDEO).id()).isEqualTo("scale");
        assertThat(PLANS.plan("automate").bandwidthGb()).isEqualTo(10);
        assertThat(PLANS.plan("free").bandwidthGb()).isNull();
    }

    @Test
    void featuresMapToJobKindsAndUnknownPlansFail() {
        for (JobKind kind : JobKind.values()) {
            assertThat(Feature.of(kind).wire()).isEqualTo(kind.wire());
            assertThat(Feature.fromWire(kind.wire())).isEqualTo(Feature.of(kind));
        }
        assertThat(PLANS.find("gold")).isEmpty();
        assertThatThrownBy(() -> PLANS.allows("gold", Feature.AI_IMAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gold").hasMessageContaining("scale");
    }
}
