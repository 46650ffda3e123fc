package dev.kiln.bench;

import dev.kiln.bench.LoadOptions.UsageException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of one {@link HoldsLoad} run, parsed from the command line.
 *
 * <p>Where billing runs: with none of {@code --kafka}, {@code --db-url}, {@code --billing-url} the
 * run starts Kafka and PostgreSQL ({@code KilnInfra}) and the packaged billing-service itself; with
 * {@code --kafka} and {@code --db-url} it starts billing on that Kafka and database; with
 * {@code --kafka} and {@code --billing-url} it drives an already running billing. Every address must
 * be on this machine (loopback).
 *
 * @param accounts   accounts opened for the run; requests go round-robin across them
 * @param holds      measured holds (request → reserve → succeeded → post)
 * @param warmup     holds before the measured ones, same path, not counted
 * @param price      credits of every job
 * @param rate       requests per second to send, 0 = as fast as the producer goes
 * @param timeout    longest a phase may take from its first request to its last post
 * @param kafka      bootstrap servers of a running Kafka, or null to start one
 * @param dbUrl      JDBC URL of the database to start billing on, or null
 * @param dbUser     its user
 * @param dbPassword its password
 * @param billingUrl base URL of a running billing-service, or null to start one
 * @param root       the checkout (billing's runner jar is {@code billing-service/target/quarkus-app})
 * @param logDir     where the started billing writes its log
 */
public record HoldsOptions(int accounts, int holds, int warmup, long price, double rate, Duration timeout,
                           String kafka, String dbUrl, String dbUser, String dbPassword, URI billingUrl,
                           Path root, Path logDir) {

    static final String USAGE = """
            Usage: HoldsLoad [options]
              --accounts N        accounts the holds are spread over (default 50)
              --holds N           measured holds: request, reserve, succeed, post (default 20000)
              --warmup N          holds before measuring, not counted (default 2000)
              --price N           credits per job (default 4)
              --rate N            requests per second, 0 = full speed (default 0)
              --timeout D         longest phase, first request to last post, e.g. 5m (default 5m)
              --kafka HOST:PORT   a running Kafka (loopback) instead of starting one
              --db-url JDBC_URL   with --kafka: start billing on this PostgreSQL (loopback)
              --db-user NAME      its user (default kiln)
              --db-password PW    its password (default empty)
              --billing-url URL   with --kafka: a running billing-service (loopback) instead of starting one
              --root PATH         the Kiln checkout with billing-service built (default -Dkiln.root, else .)
              --log-dir PATH      log of the started billing (default <root>/benchmarks/target/holds-load)
            """;

    public int total() {
        return warmup + holds;
    }

    /** Whether this run starts Kafka and PostgreSQL itself. */
    public boolean ownInfrastructure() {
        return kafka == null;
    }

    /** Whether this run starts billing-service itself. */
    public boolean ownBilling() {
        return billingUrl == null;
    }

    public static HoldsOptions parse(String[] args) {
        int accounts = 50;
        int holds = 20_000;
        int warmup = 2_000;
        long price = 4;
        double rate = 0;
        Duration timeout = Duration.ofMinutes(5);
        String kafka = null;
        String dbUrl = null;
        String dbUser = "kiln";
        String dbPassword = "";
        URI billingUrl = null;
        Path root = Path.of(System.getProperty("kiln.root", "."));
        Path logDir = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException("");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("Missing value for " + name);
                }
                value = args[++i];
            }
            switch (name) {
                case "--accounts" -> accounts = (int) parseLong(name, value, 1, 10_000);
                case "--holds" -> holds = (int) parseLong(name, value, 1, 1_000_000);
                case "--warmup" -> warmup = (int) parseLong(name, value, 0, 1_000_000);
                case "--price" -> price = parseLong(name, value, 1, 1_000_000);
                case "--rate" -> rate = parseLong(name, value, 0, 100_000);
                case "--timeout" -> timeout = LoadOptions.parseDuration(name, value);
                case "--kafka" -> kafka = loopbackBootstrap(value);
                case "--db-url" -> dbUrl = loopbackJdbc(value);
                case "--db-user" -> dbUser = value;
                case "--db-password" -> dbPassword = value;
                case "--billing-url" -> billingUrl = LoadOptions.loopbackOnly(value);
                case "--root" -> root = Path.of(value);
                case "--log-dir" -> logDir = Path.of(value);
                default -> throw new UsageException("Unknown option " + name);
            }
        }
        if (timeout.isZero()) {
            throw new UsageException("--timeout must be more than 0");
        }
        if ((dbUrl != null || billingUrl != null) && kafka == null) {
            throw new UsageException("--db-url and --billing-url need --kafka (the Kafka that billing uses)");
        }
        if (kafka != null && dbUrl == null && billingUrl == null) {
            throw new UsageException("With --kafka give --db-url (start billing on it) or --billing-url (a running one)");
        }
        if (dbUrl != null && billingUrl != null) {
            throw new UsageException("Give --db-url (start billing) or --billing-url (use a running one), not both");
        }
        root = root.toAbsolutePath().normalize();
        if (logDir == null) {
            logDir = root.resolve("benchmarks").resolve("target").resolve("holds-load");
        }
        return new HoldsOptions(accounts, holds, warmup, price, rate, timeout, kafka, dbUrl, dbUser, dbPassword,
                billingUrl, root, logDir.toAbsolutePath().normalize());
    }

    /** {@code host:port[,host:port…]}, every host on the loopback interface. */
    static String loopbackBootstrap(String value) {
        String[] servers = value.trim().split(",");
        for (String server : servers) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || !s.substring(colon + 1).matches("\\d{1,5}")) {
                throw new UsageException("--kafka: expected host:port, got " + server);
            }
            String host = s.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!LoadOptions.isLoopback(host)) {
                throw new UsageException("Refusing Kafka at " + host + ": this tool only targets localhost / 127.0.0.0/8 / [::1]");
            }
        }
        return value.trim();
    }

    /** {@code jdbc:postgresql://host:port/db…} with a loopback host. */
    static String loopbackJdbc(String value) {
        String v = value.trim();
        if (!v.startsWith("jdbc:postgresql://")) {
            throw new UsageException("--db-url: expected jdbc:postgresql://host:port/db, got " + value);
        }
        URI uri;
        try {
            uri = URI.create(v.substring("jdbc:".length()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--db-url: not a URL: " + value);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!LoadOptions.isLoopback(host)) {
            throw new UsageException("Refusing PostgreSQL at " + (host.isEmpty() ? value : host)
                    + ": this tool only targets localhost / 127.0.0.0/8 / [::1]");
        }
        return v;
    }

    private static long parseLong(String option, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.trim().replace("_", ""));
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected an integer, got " + value);
        }
    }
}
