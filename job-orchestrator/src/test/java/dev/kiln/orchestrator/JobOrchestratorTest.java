package dev.kiln.orchestrator;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.GenerationFailed;
import dev.kiln.contracts.events.GenerationStarted;
import dev.kiln.contracts.events.GenerationSucceeded;
import dev.kiln.contracts.events.JobDispatched;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.ReservationRejected;
import dev.kiln.infra.kafka.KafkaEventClient;
import dev.kiln.infra.quarkus.KilnInfraResource;
import dev.kiln.orchestrator.service.JobLifecycle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.kiln.orchestrator.Jobs.ACCOUNT;
import static dev.kiln.orchestrator.Jobs.newJob;
import static dev.kiln.orchestrator.Jobs.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "s3", value = "false")})
class JobOrchestratorTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String MODEL = "gemini-2.5-flash-image";
    static final String LOCAL_IMAGE = Topics.dispatch("local-gemini-image");
    static final String ROUTED = Topics.dispatch("routing-test");
    static final String TEMPLATE_IMAGE = Topics.dispatch("local-template-image");
    static final String TEMPLATE_VIDEO = Topics.dispatch("local-template-video");
    private static KafkaEventClient kafka;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    EntityManager em;

    @BeforeEach
    void kafka() {
        if (kafka == null) {
            kafka = new KafkaEventClient(bootstrap, List.of(Topics.JOB_STATUS, LOCAL_IMAGE, ROUTED, TEMPLATE_IMAGE, TEMPLATE_VIDEO));
        }
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Test
    void reservedJobIsPendingAndDispatchedToItsPool() {
        String job = newJob();
        CreditsReserved reserved = reserved(job, MODEL);
        kafka.send(Topics.RESERVATIONS, job, reserved);

        JobDispatched dispatched = awaitOne(LOCAL_IMAGE, JobDispatched.class, job);
        assertThat(dispatched.eventId()).isEqualTo(EventIds.of(job, "dispatched"));
        assertThat(dispatched.pool()).isEqualTo("local-gemini-image");
        assertThat(dispatched.spec()).isEqualTo(reserved.request().spec());
        assertThat(dispatched.accountId()).isEqualTo(ACCOUNT);
        assertThat(kafka.records(LOCAL_IMAGE)).filteredOn(r -> job.equals(r.key())).hasSize(1);

        JobStatusChanged pending = awaitStatus(job, JobStatus.PENDING);
        assertThat(pending.eventId()).isEqualTo(EventIds.of(job, "status:pending"));
        assertThat(pending.spec()).isEqualTo(reserved.request().spec());
        assertThat(pending.webhookUrl()).isEqualTo("https://example.test/hook");
        assertThat(pending.priceCredits()).isEqualTo(Jobs.PRICE);
        assertThat(pending.createdAt()).isEqualTo(reserved.request().occurredAt());
    }

    @Test
    void workerResultsMoveTheJobAndDuplicatesChangeNothing() {
        String job = newJob();
        kafka.send(Topics.RESERVATIONS, 0, job, reserved(job, MODEL));
        awaitStatus(job, JobStatus.PENDING);

        GenerationStarted started = new GenerationStarted(UUID.randomUUID(), Instant.now(), job, ACCOUNT,
                "local-gemini-image", "worker-1");
        kafka.send(Topics.GENERATION_RESULTS, 0, job, started);
        awaitStatus(job, JobStatus.PROCESSING);

        List<Asset> outputs = List.of(new Asset("outputs/" + job + "/0.png", "image/png", 1234, 1024, 1024));
        GenerationSucceeded succeeded = new GenerationSucceeded(UUID.randomUUID(), Instant.now(), job, ACCOUNT,
                "local-gemini-image", outputs);
        kafka.send(Topics.GENERATION_RESULTS, 0, job, succeeded);
        JobStatusChanged done = awaitStatus(job, JobStatus.SUCCEEDED);
        assertThat(done.outputs()).isEqualTo(outputs);
        assertThat(done.spec().model()).isEqualTo(MODEL);
        assertThat(done.errorCode()).isNull();

        // Redeliveries, the same facts with new ids, a late start and a failure after success.
        kafka.send(Topics.GENERATION_RESULTS, 0, job, succeeded);
        kafka.send(Topics.GENERATION_RESULTS, 0, job, started);
        kafka.send(Topics.GENERATION_RESULTS, 0, job, new GenerationStarted(UUID.randomUUID(), Instant.now(), job,
                ACCOUNT, "local-gemini-image", "worker-2"));
        kafka.send(Topics.GENERATION_RESULTS, 0, job, new GenerationFailed(UUID.randomUUID(), Instant.now(), job,
                ACCOUNT, "local-gemini-image", "generation_failed", "too late"));
        kafka.send(Topics.RESERVATIONS, 0, job, reserved(job, MODEL));
        // Markers behind them on the same partitions: once they are handled, so are the duplicates.
        String marker = newJob();
        kafka.send(Topics.RESERVATIONS, 0, marker, reserved(marker, MODEL));
        awaitStatus(marker, JobStatus.PENDING);
        kafka.send(Topics.GENERATION_RESULTS, 0, marker, new GenerationStarted(UUID.randomUUID(), Instant.now(),
                marker, ACCOUNT, "local-gemini-image", "worker-1"));
        awaitStatus(marker, JobStatus.PROCESSING);

        assertThat(kafka.events(Topics.JOB_STATUS, JobStatusChanged.class, e -> job.equals(e.jobId())))
                .extracting(JobStatusChanged::status)
                .containsExactly(JobStatus.PENDING, JobStatus.PROCESSING, JobStatus.SUCCEEDED);
        assertThat(kafka.events(LOCAL_IMAGE, JobDispatched.class, e -> job.equals(e.jobId()))).hasSize(1);
    }

    @Test
    void failedResultFailsTheJob() {
        String job = newJob();
        kafka.send(Topics.RESERVATIONS, job, reserved(job, MODEL));
        awaitStatus(job, JobStatus.PENDING);
        kafka.send(Topics.GENERATION_RESULTS, job, new GenerationFailed(UUID.randomUUID(), Instant.now(), job,
                ACCOUNT, "local-gemini-image", "generation_failed", "the model refused"));

        JobStatusChanged failed = awaitStatus(job, JobStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("generation_failed");
        assertThat(failed.errorMessage()).isEqualTo("the model refused");
        assertThat(failed.outputs()).isEmpty();
    }

    @Test
    void routingOverrideSendsAModelToAnotherPool() {
        String job = newJob();
        kafka.send(Topics.RESERVATIONS, job, reserved(job, "routing-test-model"));

        JobDispatched dispatched = awaitOne(ROUTED, JobDispatched.class, job);
        assertThat(dispatched.pool()).isEqualTo("routing-test");
        awaitStatus(job, JobStatus.PENDING);
        assertThat(kafka.events(LOCAL_IMAGE, JobDispatched.class, e -> job.equals(e.jobId()))).isEmpty();
    }

    @Test
    void templateImageJobsGoToTheTemplatePoolWithTheirSnapshot() {
        String job = newJob();
        CreditsReserved reserved = reserved(job, Jobs.templateSpec());
        kafka.send(Topics.RESERVATIONS, job, reserved);

        JobDispatched dispatched = awaitOne(TEMPLATE_IMAGE, JobDispatched.class, job);
        assertThat(dispatched.pool()).isEqualTo("local-template-image");
        assertThat(dispatched.spec()).isEqualTo(reserved.request().spec());
        assertThat(dispatched.spec().render().template().slug()).isEqualTo("product-card");
        JobStatusChanged pending = awaitStatus(job, JobStatus.PENDING);
        assertThat(pending.spec().kind()).isEqualTo(JobKind.TEMPLATE_IMAGE);
        assertThat(kafka.events(LOCAL_IMAGE, JobDispatched.class, e -> job.equals(e.jobId()))).isEmpty();
    }

    @Test
    void templateVideoJobsGoToTheTemplateVideoPoolWithTheirSnapshot() {
        String job = newJob();
        CreditsReserved reserved = reserved(job, Jobs.templateVideoSpec());
        kafka.send(Topics.RESERVATIONS, job, reserved);

        JobDispatched dispatched = awaitOne(TEMPLATE_VIDEO, JobDispatched.class, job);
        assertThat(dispatched.pool()).isEqualTo("local-template-video");
        assertThat(dispatched.spec()).isEqualTo(reserved.request().spec());
        assertThat(dispatched.spec().render().inputMediaUrl()).isEqualTo("https://media.example.test/clip.mp4");
        JobStatusChanged pending = awaitStatus(job, JobStatus.PENDING);
        assertThat(pending.spec().kind()).isEqualTo(JobKind.TEMPLATE_VIDEO);
        assertThat(kafka.events(TEMPLATE_IMAGE, JobDispatched.class, e -> job.equals(e.jobId()))).isEmpty();
    }

    @Test
    void unroutableModelFailsTheJob() {
        String job = newJob();
        kafka.send(Topics.RESERVATIONS, job, reserved(job, "no-such-model"));

        assertThat(awaitStatus(job, JobStatus.FAILED).errorCode()).isEqualTo("unroutable_model");
    }

    @Test
    void rejectionsAreIgnored() {
        String job = newJob();
        kafka.send(Topics.RESERVATIONS, 0, job, new ReservationRejected(EventIds.of(job, "rejected"), Instant.now(),
                job, ACCOUNT, ReservationRejected.INSUFFICIENT_CREDITS, 4, 0));
        String marker = newJob();
        kafka.send(Topics.RESERVATIONS, 0, marker, reserved(marker, MODEL));
        awaitStatus(marker, JobStatus.PENDING);

        assertThat(kafka.events(Topics.JOB_STATUS, JobStatusChanged.class, e -> job.equals(e.jobId()))).isEmpty();
    }

    @Test
    void rolledBackChangePublishesNothing() {
        String job = newJob();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            lifecycle.accept(reserved(job, MODEL));
            throw new IllegalStateException("forced failure");
        })).hasMessageContaining("forced failure");

        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT (SELECT count(*) FROM kiln_outbox WHERE message_key = ?1) + "
                        + "(SELECT count(*) FROM jobs WHERE job_id = ?1)").setParameter(1, job).getSingleResult());
        assertThat(rows.longValue()).isZero();
        // A later, committed change is published; the rolled-back one never is.
        String marker = newJob();
        kafka.send(Topics.RESERVATIONS, marker, reserved(marker, MODEL));
        awaitOne(LOCAL_IMAGE, JobDispatched.class, marker);
        awaitStatus(marker, JobStatus.PENDING);
        assertThat(kafka.events(Topics.JOB_STATUS, JobStatusChanged.class, e -> job.equals(e.jobId()))).isEmpty();
        assertThat(kafka.events(LOCAL_IMAGE, JobDispatched.class, e -> job.equals(e.jobId()))).isEmpty();
    }

    static JobStatusChanged awaitStatus(String job, JobStatus status) {
        return awaitOne(Topics.JOB_STATUS, JobStatusChanged.class, job, e -> e.status() == status);
    }

    static <T extends dev.kiln.contracts.events.KilnEvent> T awaitOne(String topic, Class<T> type, String job) {
        return awaitOne(topic, type, job, e -> true);
    }

    static <T extends dev.kiln.contracts.events.KilnEvent> T awaitOne(String topic, Class<T> type, String job,
                                                                     java.util.function.Predicate<T> filter) {
        return await().atMost(WAIT).until(
                () -> kafka.events(topic, type, e -> job.equals(e.jobId()) && filter.test(e)),
                l -> !l.isEmpty()).get(0);
    }
}
