package dev.kiln.workers.messaging;

import dev.kiln.contracts.events.KilnEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * Publishes worker results to {@link dev.kiln.contracts.Topics#GENERATION_RESULTS} (channel
 * {@code generation-results}), keyed by job id. {@link #publish} returns only once Kafka has
 * acknowledged the record, so the dispatch that caused it is acknowledged after its results.
 */
@ApplicationScoped
public class ResultPublisher {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<KilnEvent> emitter;

    public ResultPublisher(@Channel("generation-results") MutinyEmitter<KilnEvent> emitter) {
        this.emitter = emitter;
    }

    /** Sends {@code event} keyed by its job id and blocks until Kafka acknowledged it. */
    public void publish(KilnEvent event) {
        Message<KilnEvent> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build());
        emitter.sendMessage(message).await().atMost(SEND_TIMEOUT);
    }
}
