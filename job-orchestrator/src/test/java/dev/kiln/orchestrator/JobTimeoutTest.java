package dev.kiln.orchestrator;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.GenerationStarted;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kiln.orchestrator.Jobs.ACCOUNT;
import static dev.kiln.orchestrator.Jobs.newJob;
import static dev.kiln.orchestrator.Jobs.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The timeout sweep, with a job timeout of three seconds. */
@QuarkusTest
@TestProfile(JobTimeoutTest.ShortTimeout.class)
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "s3", value = "false")})
class JobTimeoutTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kiln.orchestrator.job-timeout", "3s", "kiln.orchestrator.sweep-interval", "1s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void stuckJobsFailWithTimeout() {
        try (KafkaEventClient kafka = new KafkaEventClient(bootstrap, List.of(Topics.JOB_STATUS))) {
            String pending = newJob();
            String processing = newJob();
            kafka.send(Topics.RESERVATIONS, pending, reserved(pending, JobOrchestratorTest.MODEL));
            kafka.send(Topics.RESERVATIONS, processing, reserved(processing, JobOrchestratorTest.MODEL));
            // The worker starts once the job exists (results and reservations are different topics).
            await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.events(Topics.JOB_STATUS,
                    JobStatusChanged.class, e -> processing.equals(e.jobId())).isEmpty());
            kafka.send(Topics.GENERATION_RESULTS, processing, new GenerationStarted(UUID.randomUUID(), Instant.now(),
                    processing, ACCOUNT, "local-gemini-image", "worker-1"));

            for (String job : List.of(pending, processing)) {
                JobStatusChanged failed = await().atMost(Duration.ofSeconds(30)).until(
                        () -> kafka.events(Topics.JOB_STATUS, JobStatusChanged.class,
                                e -> job.equals(e.jobId()) && e.status() == JobStatus.FAILED),
                        l -> !l.isEmpty()).get(0);
                assertThat(failed.errorCode()).isEqualTo("timeout");
                assertThat(failed.errorMessage()).contains("3s");
                assertThat(failed.priceCredits()).isEqualTo(Jobs.PRICE);
            }
            assertThat(kafka.events(Topics.JOB_STATUS, JobStatusChanged.class, e -> processing.equals(e.jobId())))
                    .extracting(JobStatusChanged::status)
                    .containsExactly(JobStatus.PENDING, JobStatus.PROCESSING, JobStatus.FAILED);
        }
    }
}
