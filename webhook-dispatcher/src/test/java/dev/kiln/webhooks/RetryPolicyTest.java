package dev.kiln.webhooks;

import dev.kiln.webhooks.service.DeliveryPlanner;
import dev.kiln.webhooks.service.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @Test
    void followsTheScheduleWithBoundedJitterThenGivesUp() {
        RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.1);
        assertThat(policy.maxAttempts()).isEqualTo(3);
        for (int i = 0; i < 50; i++) {
            assertThat(policy.delayAfter(1)).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5500));
            assertThat(policy.delayAfter(2)).isBetween(Duration.ofMinutes(5), Duration.ofSeconds(330));
        }
        assertThat(policy.delayAfter(3)).isNull();
    }

    @Test
    void messageIdIsDeterministicPerJobAndStatus() {
        assertThat(DeliveryPlanner.messageId("img_1", "succeeded"))
                .startsWith("msg_")
                .isEqualTo(DeliveryPlanner.messageId("img_1", "succeeded"))
                .isNotEqualTo(DeliveryPlanner.messageId("img_1", "failed"))
                .isNotEqualTo(DeliveryPlanner.messageId("img_2", "succeeded"));
    }
}
