package dev.kiln.gateway.messaging;

import dev.kiln.gateway.service.JobWaits;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * Tracks the partitions of the job end consumer; on assignment it fixes each partition's starting
 * position (latest) at once, so every end written after readiness turns UP is seen.
 */
@ApplicationScoped
@Identifier(WaitPartitionsListener.NAME)
public class WaitPartitionsListener implements KafkaConsumerRebalanceListener {
    public static final String NAME = "job-status-waits-rebalance";
    private static final Logger LOG = Logger.getLogger(WaitPartitionsListener.class);

    private final JobWaits waits;

    public WaitPartitionsListener(JobWaits waits) {
        this.waits = waits;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            consumer.position(partition);
        }
        waits.partitionsAssigned(partitions.stream().map(TopicPartition::toString).toList());
        LOG.infof("Job end consumer listens on %d partition(s)", waits.assignedPartitionCount());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        waits.partitionsRevoked(partitions.stream().map(TopicPartition::toString).toList());
    }
}
