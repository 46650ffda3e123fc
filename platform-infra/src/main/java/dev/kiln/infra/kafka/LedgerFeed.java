package dev.kiln.infra.kafka;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.ledger.LedgerCloudEvents;
import dev.kiln.contracts.ledger.LedgerEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Test support: collects every ledger CloudEvent ({@link Topics#LEDGER}) from the beginning of the
 * topic, in arrival order (per account that is the publication order: the key is the account).
 */
public final class LedgerFeed implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConcurrentLinkedQueue<LedgerEvent> seen = new ConcurrentLinkedQueue<>();
    private final Thread poller;
    private volatile boolean running = true;

    public LedgerFeed(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-ledger-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.LEDGER));
        poller = new Thread(this::poll, "test-ledger-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(LedgerCloudEvents.decode(r.value())));
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Every collected event matching {@code filter}, in arrival order. */
    public List<LedgerEvent> events(Predicate<LedgerEvent> filter) {
        return seen.stream().filter(filter).toList();
    }

    /** Every collected event of {@code accountId}, in arrival order. */
    public List<LedgerEvent> ofAccount(String accountId) {
        return events(e -> accountId.equals(e.subject()));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
