package dev.kiln.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

class KilnInfraTest {

    static KilnInfra infra;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        infra = KilnInfra.builder().build();
        System.out.printf("KilnInfra (all four) ready in %d ms; per component: %s%n",
                (System.nanoTime() - t0) / 1_000_000, infra.startupTimes());
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            long t0 = System.nanoTime();
            infra.close();
            System.out.printf("KilnInfra closed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void kafkaProduceConsumeAndTopics() throws Exception {
        infra.createTopics(Map.of("kiln-test", 2));
        infra.createTopics(Map.of("kiln-test", 4)); // idempotent, grows partitions

        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
            producer.send(new ProducerRecord<>("kiln-test", "k1", "hello kiln")).get();
            producer.send(new ProducerRecord<>("kiln-auto-created", "k", "v")).get();
        }

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "kiln-test-group");
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
            consumer.subscribe(List.of("kiln-test"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertEquals(1, received.size());
        assertEquals("hello kiln", received.get(0).value());

        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        try (Admin admin = Admin.create(ap)) {
            var d = admin.describeTopics(Set.of("kiln-test", "kiln-auto-created")).allTopicNames().get();
            assertEquals(4, d.get("kiln-test").partitions().size());
            assertEquals(3, d.get("kiln-auto-created").partitions().size()); // default kafkaPartitions
        }
    }

    @Test
    void postgres() throws Exception {
        assertTrue(infra.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:"));
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUsername(), infra.dbPassword());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1, current_database(), current_user")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("kiln", rs.getString(2));
                assertEquals("kiln", rs.getString(3));
            }
            s.execute("create schema if not exists billing");
            s.execute("create table billing.t (id int primary key, name text)");
            s.execute("insert into billing.t values (1, 'one')");
            try (ResultSet rs = s.executeQuery("select name from billing.t where id = 1")) {
                assertTrue(rs.next());
                assertEquals("one", rs.getString(1));
            }
        }
    }

    @Test
    void redis() throws Exception {
        assertTrue(infra.redisUrl().startsWith("redis://127.0.0.1:"));
        try (RespClient redis = new RespClient(infra.redisUrl())) {
            assertEquals("+PONG", redis.call("PING"));
            assertEquals("+OK", redis.call("SET", "kiln:key", "värde"));
            assertEquals("värde", redis.call("GET", "kiln:key"));
        }
    }

    @Test
    void s3() throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(infra.s3Endpoint())
                .credentials(infra.s3AccessKey(), infra.s3SecretKey()).region(infra.s3Region()).build();
        assertTrue(s3.bucketExists(BucketExistsArgs.builder().bucket("kiln-assets").build()));

        infra.createBucket("extra-bucket");
        infra.createBucket("extra-bucket"); // idempotent
        assertTrue(s3.bucketExists(BucketExistsArgs.builder().bucket("extra-bucket").build()));

        byte[] data = "kiln asset bytes".getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder().bucket(infra.s3Bucket()).object("a/b/c.txt")
                .stream(new ByteArrayInputStream(data), data.length, -1).contentType("text/plain").build());
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(infra.s3Bucket()).object("a/b/c.txt")
                .build())) {
            assertEquals("kiln asset bytes", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void configMaps() {
        Map<String, String> q = infra.quarkusConfig();
        for (String key : List.of("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password", "quarkus.redis.hosts",
                "kiln.s3.endpoint", "kiln.s3.access-key", "kiln.s3.secret-key", "kiln.s3.region", "kiln.s3.bucket")) {
            assertNotNull(q.get(key), key);
        }
        Map<String, String> env = infra.environment();
        for (String key : List.of("KAFKA_BOOTSTRAP_SERVERS", "KILN_DB_URL", "KILN_DB_USERNAME", "KILN_DB_PASSWORD",
                "KILN_REDIS_URL", "KILN_S3_ENDPOINT", "KILN_S3_ACCESS_KEY", "KILN_S3_SECRET_KEY", "KILN_S3_REGION",
                "KILN_S3_BUCKET")) {
            assertNotNull(env.get(key), key);
        }
        assertEquals("us-east-1", infra.s3Region());
        assertEquals(Map.of("kafka", "embedded", "postgres", "embedded", "redis", "embedded", "s3", "embedded"),
                infra.sources());
        assertEquals(Set.of("postgres", "redis", "s3"), infra.processIds().keySet());
    }
}
