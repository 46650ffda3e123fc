package dev.kiln.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives {@code POST /v1/ai/images} of a running Kiln at a fixed arrival rate (open model).
 *
 * <p>Request {@code i} is due at {@code start + i / rate}, whether or not earlier requests have
 * been answered, and its latency is measured from that intended time, not from when it actually
 * left: a stalled server (or a full concurrency cap) shows up as latency instead of silently
 * lowering the offered load (no coordinated omission). At most {@code --connections} requests are
 * in flight; a due request waits for a free slot and the wait counts in its latency.
 *
 * <p>The run is bounded: {@code rate × (warmup + duration)} requests, no new request later than
 * one {@code --timeout} after the last one was due, and in-flight requests are given one more
 * {@code --timeout} to finish. Only loopback URLs are accepted.
 *
 * <p>Exit status: 0 when every measured request got 200, 1 otherwise, 2 for a bad command line.
 */
public final class SubmitLoad {
    private static final String PATH = "/v1/ai/images";

    private final LoadOptions options;
    private final HttpClient client;
    private final ExecutorService httpExecutor;

    private SubmitLoad(LoadOptions options) {
        this.options = options;
        AtomicInteger threads = new AtomicInteger();
        this.httpExecutor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "kiln-load-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, System.getenv());
        } catch (LoadOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("SubmitLoad: " + e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int status;
        try {
            status = new SubmitLoad(options).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 130;
        }
        System.exit(status);
    }

    private int run() throws InterruptedException {
        String rateLimit = preflight();
        if (rateLimit == null) {
            return 1;
        }
        long warmupN = options.warmupRequests();
        long measuredN = options.measuredRequests();
        long total = warmupN + measuredN;
        long interval = options.intervalNanos();
        if (measuredN == 0) {
            System.err.println("SubmitLoad: --rate × --duration is less than one request");
            return 2;
        }
        log(String.format(Locale.ROOT, "%s %s%s: %,d warm-up + %,d measured requests at %s req/s, at most %d in flight",
                "POST", options.gateway(), PATH, warmupN, measuredN, fmtRate(options.rate()), options.connections()));

        LoadStats warmup = new LoadStats();
        LoadStats measured = new LoadStats();
        Semaphore slots = new Semaphore(options.connections());
        AtomicInteger inFlight = new AtomicInteger();
        String loadBefore = loadAverage();
        Instant startedAt = Instant.now();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureStart = start + warmupN * interval;
        long lastDue = start + (total - 1) * interval;
        long sendDeadline = lastDue + options.timeout().toNanos();

        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiln-load-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            boolean inWarmup = now < measureStart;
            LoadStats s = inWarmup ? warmup : measured;
            log(String.format(Locale.ROOT, "%-8s t=%5.1fs sent %,d answered %,d (200: %,d) errors %,d in flight %d",
                    inWarmup ? "warm-up" : "measured", (now - start) / 1e9, s.sent(), s.answered(), s.status(200),
                    s.errorCount(), inFlight.get()));
        }, 5, 5, TimeUnit.SECONDS);

        long unsent = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            parkUntil(due);
            if (!slots.tryAcquire()) {
                long wait = sendDeadline - System.nanoTime();
                if (wait <= 0 || !slots.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    unsent = total - i;
                    break;
                }
            }
            LoadStats stats = i < warmupN ? warmup : measured;
            int now = inFlight.incrementAndGet();
            stats.inFlight(now);
            long sentAt = System.nanoTime();
            stats.sent(due, sentAt);
            client.sendAsync(request(i), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> {
                        long done = System.nanoTime();
                        try {
                            if (failure != null) {
                                stats.failed(unwrap(failure), due, done);
                            } else {
                                stats.answered(response.statusCode(), response.body(), due, sentAt, done);
                            }
                        } finally {
                            inFlight.decrementAndGet();
                            slots.release();
                        }
                    });
        }
        long unsentMeasured = Math.min(unsent, measuredN);
        // Give the requests in flight one timeout (plus a little) to finish, then stop regardless.
        boolean drained = slots.tryAcquire(options.connections(), options.timeout().toNanos() + TimeUnit.SECONDS.toNanos(2),
                TimeUnit.NANOSECONDS);
        int leftInFlight = drained ? 0 : inFlight.get();
        progress.shutdownNow();
        String loadAfter = loadAverage();

        LoadReport report = new LoadReport(options, startedAt, warmupN, measuredN, warmup, measured, measureStart,
                unsentMeasured, unsent - unsentMeasured, leftInFlight, rateLimit, loadBefore, loadAfter);
        System.out.println(report.render());
        httpExecutor.shutdownNow();
        return report.clean() ? 0 : 1;
    }

    /**
     * Checks the URL and the key with {@code GET /v1/auth} before loading anything; returns the
     * key's {@code X-RateLimit-Limit} (or "unknown"), or null when the run should not start.
     */
    private String preflight() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.gateway() + "/v1/auth"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + options.apiKey())
                .GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String limit = response.headers().firstValue("X-RateLimit-Limit").orElse("unknown");
            if (response.statusCode() == 401) {
                System.err.println("SubmitLoad: the API key was refused (401) by " + options.gateway());
                return null;
            }
            if (response.statusCode() != 200 && response.statusCode() != 429) {
                System.err.println("SubmitLoad: GET /v1/auth answered " + response.statusCode() + ": " + response.body());
                return null;
            }
            long perMinute = parseLong(limit);
            if (response.statusCode() == 429 || (perMinute > 0 && perMinute < options.rate() * 60)) {
                log("WARNING: the key's rate limit (X-RateLimit-Limit " + limit + ") is below the offered load; expect 429s."
                        + " See benchmarks/README.md to lift it for the run.");
            }
            return limit;
        } catch (IOException e) {
            System.err.println("SubmitLoad: cannot reach " + options.gateway() + ": " + e);
            return null;
        }
    }

    private HttpRequest request(long i) {
        String body = "{\"prompt\":" + jsonString(options.promptPrefix() + " #" + i)
                + ",\"model\":" + jsonString(options.model()) + "}";
        return HttpRequest.newBuilder(URI.create(options.gateway() + PATH))
                .timeout(options.timeout())
                .header("Authorization", "Bearer " + options.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static void parkUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The 1/5/15-minute load averages of this machine, when it has /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String fmtRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.2f", rate);
    }

    private static void log(String message) {
        System.err.println("[load] " + message);
    }
}
