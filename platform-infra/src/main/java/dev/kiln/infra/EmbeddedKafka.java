package dev.kiln.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * Single-node, in-process Kafka in KRaft mode (combined broker + controller). Dies with the JVM.
 * <p>
 * The log directory is formatted only when it is not formatted yet, so an existing directory comes back with its
 * topics, records and committed offsets.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    EmbeddedKafka(Path logDir, int defaultPartitions) throws Exception {
        Files.createDirectories(logDir);
        int port = Ports.free();
        int controllerPort = Ports.free();
        String host = "127.0.0.1";

        Properties p = new Properties();
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("process.roles", "broker,controller");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", Integer.toString(defaultPartitions));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("controlled.shutdown.enable", "false");
        // a restarted broker waits for its previous registration to expire: keep that short
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        p.put("delete.topic.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "2");
        p.put("replica.socket.timeout.ms", "1000");
        p.put("controller.socket.timeout.ms", "1000");
        p.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
        p.put("log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));

        KafkaConfig config = KafkaConfig.fromProps(p, false);
        Formatter formatter = new Formatter()
                .setClusterId(existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString()))
                .setNodeId(NODE_ID)
                .setIgnoreFormatted(true) // keep existing data
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .addDirectory(logDir.toAbsolutePath().toString());
        formatter.run();

        this.server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.bootstrapServers = host + ":" + port;
    }

    /** The cluster id of an already formatted log directory. */
    private static Optional<String> existingClusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta)) {
            p.load(r);
        }
        return Optional.ofNullable(p.getProperty("cluster.id")).filter(id -> !id.isBlank());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
