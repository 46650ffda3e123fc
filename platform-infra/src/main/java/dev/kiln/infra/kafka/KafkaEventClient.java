package dev.kiln.infra.kafka;

import dev.kiln.contracts.events.KilnEvent;
import dev.kiln.contracts.json.KilnEventDeserializer;
import dev.kiln.contracts.json.KilnEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Plays the other services in tests: produces events with plain kafka-clients and collects every
 * event on the watched topics (from the beginning) for assertions.
 */
public final class KafkaEventClient implements AutoCloseable {
    private final KafkaProducer<String, KilnEvent> producer;
    private final KafkaConsumer<String, KilnEvent> consumer;
    private final ConcurrentLinkedQueue<ConsumerRecord<String, KilnEvent>> seen = new ConcurrentLinkedQueue<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaEventClient(String bootstrap, List<String> watched) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new KilnEventSerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
                new StringDeserializer(), new KilnEventDeserializer());
        consumer.subscribe(watched);
        poller = new Thread(this::poll, "test-kafka-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(String topic, String key, KilnEvent event) {
        send(topic, null, key, event);
    }

    /** Sends to an explicit partition (null: by key) and waits for the acknowledgement. */
    public void send(String topic, Integer partition, String key, KilnEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, event)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting (call {@link #flush()} after a burst). */
    public void sendAsync(String topic, Integer partition, String key, KilnEvent event) {
        producer.send(new ProducerRecord<>(topic, partition, key, event));
    }

    public void flush() {
        producer.flush();
    }

    public int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /** Every collected event of {@code type} on {@code topic} matching {@code filter}, in arrival order. */
    public <T extends KilnEvent> List<T> events(String topic, Class<T> type, Predicate<T> filter) {
        return seen.stream().filter(r -> r.topic().equals(topic))
                .map(ConsumerRecord::value)
                .filter(type::isInstance).map(type::cast)
                .filter(filter).toList();
    }

    /** Every collected record on {@code topic}. */
    public List<ConsumerRecord<String, KilnEvent>> records(String topic) {
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close();
    }
}
