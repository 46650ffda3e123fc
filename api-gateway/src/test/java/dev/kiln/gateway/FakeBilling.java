package dev.kiln.gateway;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.Asset;
import dev.kiln.contracts.events.Balance;
import dev.kiln.contracts.events.CreditsReserved;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.JobKind;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.JobStatus;
import dev.kiln.contracts.events.JobStatusChanged;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.events.ReservationRejected;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The test plays billing: it reads kiln.jobs.requested.v1 and answers on
 * kiln.billing.reservations.v1 by the prompt — "[reject]" → insufficient credits, "[silent]" → no
 * answer, "[slow]" → reserved after 1.5 s, anything else → reserved at once. It also plays the
 * orchestrator for "[succeed]" / "[fail]" (template jobs: the markers go in a property's text): {@link #FINISH} after the reservation it publishes
 * {@code JobStatusChanged(succeeded)} (one output, stored where workers store it:
 * {@code outputs/<account>/<job>/0.png|mp4}) or {@code JobStatusChanged(failed)}.
 */
final class FakeBilling implements AutoCloseable {
    static final Duration SLOW = Duration.ofMillis(1500);
    static final Duration FINISH = Duration.ofMillis(1500);

    final Map<String, JobRequested> byJob = new ConcurrentHashMap<>();
    final List<JobRequested> all = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final Thread thread;

    private FakeBilling() throws InterruptedException {
        CountDownLatch listening = new CountDownLatch(1);
        thread = Thread.ofPlatform().name("fake-billing").start(() -> {
            try (KafkaConsumer<String, KilnEvent> requests = TestSupport.consumer(Topics.JOBS_REQUESTED, true)) {
                listening.countDown();
                while (running.get()) {
                    for (ConsumerRecord<String, KilnEvent> record : requests.poll(Duration.ofMillis(100))) {
                        if (record.value() instanceof JobRequested request) {
                            byJob.put(request.jobId(), request);
                            all.add(request);
                            decide(request);
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (!listening.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake billing did not start");
        }
    }

    static FakeBilling start() throws Exception {
        TestSupport.ensureTopics();
        return new FakeBilling();
    }

    /** Requests seen for {@code accountId}. */
    List<JobRequested> requestsOf(String accountId) {
        return all.stream().filter(r -> accountId.equals(r.accountId())).toList();
    }

    /**
     * The text the markers are looked for in: the prompt, or for template jobs (no prompt) the texts of
     * the request's property values.
     */
    static String markers(JobRequested request) {
        if (request.spec().prompt() != null) {
            return request.spec().prompt();
        }
        if (request.spec().render() == null) {
            return "";
        }
        return request.spec().render().properties().stream().map(p -> p.text() == null ? "" : p.text())
                .collect(Collectors.joining(" "));
    }

    private void decide(JobRequested request) throws Exception {
        String prompt = markers(request);
        if (prompt.contains("[silent]")) {
            return;
        }
        KilnEvent answer = prompt.contains("[reject]")
                ? new ReservationRejected(EventIds.of(request.jobId(), "rejected"), Instant.now(), request.jobId(),
                request.accountId(), ReservationRejected.INSUFFICIENT_CREDITS, request.priceCredits(), 1)
                : new CreditsReserved(EventIds.of(request.jobId(), "reserved"), Instant.now(), request.jobId(),
                request.accountId(), request.priceCredits(), new Balance(1000, 0, request.priceCredits(),
                1000 - request.priceCredits()), request);
        ProducerRecord<String, KilnEvent> record = new ProducerRecord<>(Topics.RESERVATIONS, request.jobId(), answer);
        if (prompt.contains("[slow]")) {
            later.schedule(() -> TestSupport.producer().send(record), SLOW.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            TestSupport.producer().send(record).get();
        }
        if (answer instanceof CreditsReserved && (prompt.contains("[succeed]") || prompt.contains("[fail]"))) {
            boolean ok = prompt.contains("[succeed]");
            JobStatus status = ok ? JobStatus.SUCCEEDED : JobStatus.FAILED;
            boolean video = request.spec().kind() == JobKind.AI_VIDEO || request.spec().kind() == JobKind.TEMPLATE_VIDEO;
            String ext = video ? "mp4" : "png";
            JobStatusChanged end = new JobStatusChanged(EventIds.of(request.jobId(), "status:" + status.wire()),
                    Instant.now(), request.jobId(), request.accountId(), status, request.spec(), request.webhookUrl(),
                    ok ? List.of(new Asset("outputs/" + request.accountId() + "/" + request.jobId() + "/0." + ext,
                            video ? "video/mp4" : "image/png", 1234,
                            request.spec().width(), request.spec().height())) : List.of(),
                    ok ? null : "generation_failed", ok ? null : "The model refused", request.priceCredits(),
                    request.occurredAt());
            later.schedule(() -> TestSupport.producer().send(
                    new ProducerRecord<>(Topics.JOB_STATUS, request.jobId(), end)), FINISH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        later.shutdownNow();
        thread.join(5000);
    }
}
