package dev.kiln.platform;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.EventIds;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnEventDeserializer;
import dev.kiln.infra.quarkus.KilnInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = KilnInfraResource.class, initArgs = {
        @ResourceArg(name = "redis", value = "false"), @ResourceArg(name = "s3", value = "false")})
class OutboxInboxTest {
    @Inject
    NoteService notes;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void committedEventsArePublishedAndRolledBackOnesNever() {
        String committed = "job_" + UUID.randomUUID();
        String rolledBack = "job_" + UUID.randomUUID();
        try (KafkaConsumer<String, KilnEvent> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.GENERATION_RESULTS));
            notes.write(committed, false);
            assertThatThrownBy(() -> notes.write(rolledBack, true)).hasMessageContaining("on purpose");
            notes.write(committed + "-after", false);

            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, KilnEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key());
                }
                return seen.contains(committed + "-after");
            });
            // read every partition to its end: the rolled-back event is nowhere on the topic
            var end = consumer.endOffsets(consumer.assignment());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, KilnEvent> r : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(r.key());
                }
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
            assertThat(seen).contains(committed).doesNotContain(rolledBack);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> notes.unpublished() == 0);
    }

    @Test
    void anEventIsProcessedOncePerConsumerEvenWhenDeliveredConcurrently() throws Exception {
        UUID eventId = EventIds.of("job_" + UUID.randomUUID(), "x");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> deliver = () -> notes.consume("consumer-a", eventId);
                results.add(pool.submit(deliver));
            }
            int first = 0;
            for (Future<Boolean> r : results) {
                first += r.get() ? 1 : 0;
            }
            assertThat(first).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(notes.consume("consumer-b", eventId)).as("another consumer has its own record").isTrue();
        assertThat(notes.consume("consumer-a", eventId)).isFalse();
    }

    @Test
    void aBatchOfEventsReportsOnlyTheFirstDeliveries() {
        UUID seen = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        assertThat(notes.consumeAll("consumer-batch", List.of(seen))).containsExactly(seen);
        assertThat(notes.consumeAll("consumer-batch", List.of(seen, fresh, fresh))).containsExactly(fresh);
        assertThat(notes.consumeAll("consumer-batch", List.of())).isEmpty();
    }

    @Test
    void aRawMessageKeepsItsPayloadAndContentTypeAndIsWrittenOnce() {
        UUID id = UUID.randomUUID();
        String key = "acc_" + id;
        String payload = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\"}";
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "runtime-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("kiln.test.raw.v1"));
            notes.publishRaw(new dev.kiln.platform.outbox.OutboxMessage("kiln.test.raw.v1", key, id, "test.raw", payload,
                    "application/cloudevents+json"));
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                }
                return !mine.isEmpty();
            });
            ConsumerRecord<String, String> record = mine.get(0);
            assertThat(record.value()).isEqualTo(payload);
            assertThat(new String(record.headers().lastHeader("content-type").value()))
                    .isEqualTo("application/cloudevents+json");
            assertThat(new String(record.headers().lastHeader("kiln-event-type").value())).isEqualTo("test.raw");
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (key.equals(r.key())) {
                    mine.add(r);
                }
            });
            assertThat(mine).as("the same id written twice is one record").hasSize(1);
        }
    }

    private KafkaConsumer<String, KilnEvent> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "runtime-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new KilnEventDeserializer());
    }
}
