package dev.kiln.gateway.messaging;

import dev.kiln.gateway.service.ReservationReplies;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * Tracks the partitions of the reply consumer. On assignment it resolves each partition's
 * starting position (latest) right away, so any decision written after readiness turns UP is
 * seen; only then is the partition counted as listening.
 */
@ApplicationScoped
@Identifier(ReplyPartitionsListener.NAME)
public class ReplyPartitionsListener implements KafkaConsumerRebalanceListener {
    public static final String NAME = "reservation-replies-rebalance";
    private static final Logger LOG = Logger.getLogger(ReplyPartitionsListener.class);

    private final ReservationReplies replies;

    public ReplyPartitionsListener(ReservationReplies replies) {
        this.replies = replies;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            consumer.position(partition); // fixes the "latest" offset now, not at the next fetch
        }
        replies.partitionsAssigned(partitions.stream().map(TopicPartition::toString).toList());
        LOG.infof("Reservation reply consumer listens on %d partition(s)", replies.assignedPartitionCount());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        replies.partitionsRevoked(partitions.stream().map(TopicPartition::toString).toList());
    }
}
