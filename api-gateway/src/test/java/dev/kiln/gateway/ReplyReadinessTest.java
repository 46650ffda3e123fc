package dev.kiln.gateway;

import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.gateway.domain.Tokens;
import dev.kiln.gateway.messaging.ReplyConsumerReadiness;
import dev.kiln.gateway.service.ReservationReplies;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit tests: readiness follows the reply consumer's partitions; replies complete only waiting requests; tokens. */
class ReplyReadinessTest {

    @Test
    void readinessIsDownUntilPartitionsAreAssigned() {
        ReservationReplies replies = new ReservationReplies();
        ReplyConsumerReadiness readiness = new ReplyConsumerReadiness(replies);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        replies.partitionsAssigned(List.of());
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        replies.partitionsAssigned(List.of("kiln.billing.reservations.v1-0", "kiln.billing.reservations.v1-1"));
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        replies.partitionsRevoked(List.of("kiln.billing.reservations.v1-0", "kiln.billing.reservations.v1-1"));
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void decisionsCompleteOnlyTheRequestsWaitingHere() {
        ReservationReplies replies = new ReservationReplies();
        CompletableFuture<KilnEvent> mine = replies.expect("img_mine");
        assertThat(replies.complete(rejection("img_other_replica"))).isFalse();
        assertThat(mine).isNotDone();
        assertThat(replies.complete(rejection("img_mine"))).isTrue();
        assertThat(mine).isCompleted();
        assertThat(replies.inFlight()).isZero();
        replies.expect("img_timed_out");
        replies.forget("img_timed_out");
        assertThat(replies.inFlight()).isZero();
    }

    @Test
    void tokensHaveTheirDocumentedShape() {
        String key = Tokens.newApiKey();
        assertThat(key).matches("kiln_sk_[0-9A-Za-z]{32}");
        assertThat(Tokens.looksLikeApiKey(key)).isTrue();
        assertThat(Tokens.looksLikeApiKey(key + "x")).isFalse();
        assertThat(Tokens.hashApiKey(key)).matches("[0-9a-f]{64}").isEqualTo(Tokens.hashApiKey(key));
        assertThat(Tokens.newId("img")).matches("img_[a-z2-7]{24}");
        assertThat(Tokens.newWebhookSecret()).matches("whsec_[A-Za-z0-9+/]{32}");
    }

    private static ReservationRejected rejection(String jobId) {
        return new ReservationRejected(EventIds.of(jobId, "rejected"), Instant.now(), jobId, "acc_x",
                ReservationRejected.INSUFFICIENT_CREDITS, 4, 0);
    }
}
