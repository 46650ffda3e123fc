package dev.kiln.workers.messaging;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnEventDeserializer;
import dev.kiln.contracts.json.KilnEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain kafka-clients producer and results reader for the tests. Not thread-safe. */
final class KafkaTestClient implements AutoCloseable {
    private final KafkaProducer<String, KilnEvent> producer;
    private final KafkaConsumer<String, KilnEvent> consumer;
    private final List<ConsumerRecord<String, KilnEvent>> results = new ArrayList<>();

    KafkaTestClient(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new KilnEventSerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new KilnEventDeserializer());
        // assign instead of subscribe: no group join, reads the whole topic from the start
        List<TopicPartition> partitions = List.of();
        long deadline = System.currentTimeMillis() + 30_000;
        while (partitions.isEmpty() && System.currentTimeMillis() < deadline) {
            partitions = consumer.partitionsFor(Topics.GENERATION_RESULTS, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    void send(String topic, KilnEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.jobId(), event)).get();
    }

    /** Polls once and returns every result record seen so far for {@code jobId}, in order. */
    List<ConsumerRecord<String, KilnEvent>> resultsFor(String jobId) {
        consumer.poll(Duration.ofMillis(200)).forEach(results::add);
        return results.stream().filter(r -> r.value() != null && jobId.equals(r.value().jobId())).toList();
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
