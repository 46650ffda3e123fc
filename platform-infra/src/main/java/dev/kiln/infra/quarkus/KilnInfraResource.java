package dev.kiln.infra.quarkus;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import dev.kiln.infra.KilnInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource backed by {@link KilnInfra}.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = KilnInfraResource.class, initArgs = @ResourceArg(name = "s3", value = "false"))
 * class MyTest { ... }
 * }</pre>
 *
 * Init args (all optional): {@code kafka}, {@code postgres}, {@code redis}, {@code s3} ({@code true}/{@code false},
 * default true), {@code kafkaPartitions} (default 3), {@code s3Bucket} (default {@code kiln-assets}).
 * <p>
 * The infrastructure is shared by every test class of the JVM: components already started for an earlier test
 * class are reused, missing ones are started on demand, and everything is stopped by a JVM shutdown hook (never
 * by {@link #stop()}). Partition count and bucket name are taken from the first test class that starts Kafka /
 * S3 (more buckets or topics: create them with your own client, the config has everything needed).
 * <p>
 * The registry lives in system properties ({@code dev.kiln.infra.shared.<component>}), so sharing works even
 * when Quarkus loads this class in several class loaders (one per restarted test application).
 */
public class KilnInfraResource implements QuarkusTestResourceLifecycleManager {

    static final List<String> COMPONENTS = List.of("kafka", "postgres", "redis", "s3");
    /** System properties (String values only) hold the config of each started component. */
    private static final String REGISTRY_PREFIX = "dev.kiln.infra.shared.";
    /** A string literal is interned JVM-wide, so this lock is the same object in every class loader. */
    private static final String LOCK = "dev.kiln.infra.quarkus.KilnInfraResource.lock";

    private final List<String> wanted = new ArrayList<>(COMPONENTS);
    private int kafkaPartitions = 3;
    private String s3Bucket = "kiln-assets";

    @Override
    public void init(Map<String, String> initArgs) {
        for (String c : COMPONENTS) {
            String v = initArgs.get(c);
            if (v != null && !Boolean.parseBoolean(v.trim())) {
                wanted.remove(c);
            }
        }
        if (initArgs.containsKey("kafkaPartitions")) {
            kafkaPartitions = Integer.parseInt(initArgs.get("kafkaPartitions").trim());
        }
        if (initArgs.containsKey("s3Bucket")) {
            s3Bucket = initArgs.get("s3Bucket").trim();
        }
    }

    @Override
    public Map<String, String> start() {
        synchronized (LOCK) {
            List<String> missing = wanted.stream().filter(c -> System.getProperty(REGISTRY_PREFIX + c) == null)
                    .toList();
            if (!missing.isEmpty()) {
                KilnInfra infra = KilnInfra.builder() // registers its own shutdown hook
                        .kafka(missing.contains("kafka"))
                        .postgres(missing.contains("postgres"))
                        .redis(missing.contains("redis"))
                        .s3(missing.contains("s3"))
                        .kafkaPartitions(kafkaPartitions)
                        .s3Bucket(s3Bucket)
                        .build();
                Map<String, String> all = infra.quarkusConfig();
                for (String c : missing) {
                    Properties own = new Properties();
                    all.forEach((k, v) -> {
                        if (owner(k).equals(c)) {
                            own.setProperty(k, v);
                        }
                    });
                    System.setProperty(REGISTRY_PREFIX + c, encode(own));
                }
            }
            Map<String, String> config = new LinkedHashMap<>();
            wanted.forEach(c -> config.putAll(decode(System.getProperty(REGISTRY_PREFIX + c))));
            return config;
        }
    }

    @Override
    public void stop() {
        // shared across test classes: stopped by the JVM shutdown hook
    }

    /** Quarkus config of everything the shared infrastructure has started so far in this JVM. */
    public static Map<String, String> sharedConfig() {
        synchronized (LOCK) {
            Map<String, String> config = new LinkedHashMap<>();
            for (String c : COMPONENTS) {
                String encoded = System.getProperty(REGISTRY_PREFIX + c);
                if (encoded != null) {
                    config.putAll(decode(encoded));
                }
            }
            return config;
        }
    }

    private static String encode(Properties p) {
        try {
            StringWriter w = new StringWriter();
            p.store(w, null);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> decode(String s) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(s));
            Map<String, String> m = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String owner(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("kafka.")) {
            return "kafka";
        }
        if (k.startsWith("quarkus.datasource.")) {
            return "postgres";
        }
        if (k.startsWith("quarkus.redis.")) {
            return "redis";
        }
        return "s3";
    }
}
