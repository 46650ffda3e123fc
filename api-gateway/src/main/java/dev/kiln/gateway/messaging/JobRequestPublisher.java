package dev.kiln.gateway.messaging;

import dev.kiln.contracts.Topics;
import dev.kiln.contracts.events.JobRequested;
import dev.kiln.contracts.events.KilnEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Sends {@link JobRequested} to {@link Topics#JOBS_REQUESTED} (channel {@code job-requests}), keyed
 * by account id so one account's requests are reserved in order.
 */
@ApplicationScoped
public class JobRequestPublisher {
    public static final String HEADER_EVENT_TYPE = "kiln-event-type";
    public static final String HEADER_EVENT_ID = "kiln-event-id";

    private final Emitter<KilnEvent> emitter;

    public JobRequestPublisher(@Channel("job-requests") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                               Emitter<KilnEvent> emitter) {
        this.emitter = emitter;
    }

    /** Sends the request; the future completes when Kafka acknowledged it (acks=all). */
    public CompletableFuture<Void> send(JobRequested request) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_EVENT_TYPE, request.type().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_EVENT_ID, request.eventId().toString().getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(request.accountId()).withHeaders(headers).build();
        try {
            emitter.send(Message.<KilnEvent>of(request, Metadata.of(metadata),
                    () -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            ack.completeExceptionally(e); // e.g. buffer full or channel down
        }
        return ack;
    }
}
