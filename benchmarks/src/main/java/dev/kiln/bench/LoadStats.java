package dev.kiln.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the requests of one phase (warm-up or measured), safe to update from the
 * HTTP client's threads. Latencies are recorded in microseconds.
 */
final class LoadStats {
    /** Longest latency the histograms track exactly (longer ones are recorded as this). */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
    private final Map<String, String> errorSamples = new ConcurrentHashMap<>();
    private final Map<Integer, String> bodySamples = new ConcurrentHashMap<>();
    /** Intended send time → answer: what a client of an open system sees. */
    final Histogram latency = histogram();
    /** Intended send time → answer, answers with 200 only. */
    final Histogram latencyOk = histogram();
    /** Actual send time → answer: the server (and network stack) alone. */
    final Histogram service = histogram();
    /** Intended → actual send time: the generator's own lateness (scheduling, full concurrency cap). */
    final Histogram sendLag = histogram();
    private final AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private static Histogram histogram() {
        return new ConcurrentHistogram(1, MAX_MICROS, 3);
    }

    void inFlight(int n) {
        maxInFlight.accumulateAndGet(n, Math::max);
    }

    void sent(long due, long sentAt) {
        sent.increment();
        record(sendLag, sentAt - due);
    }

    void answered(int status, byte[] body, long due, long sentAt, long done) {
        answered.increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        record(latency, done - due);
        record(service, done - sentAt);
        if (status == 200) {
            record(latencyOk, done - due);
        } else if (body != null) {
            bodySamples.computeIfAbsent(status, s -> abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
        lastDone.accumulateAndGet(done, Math::max);
    }

    void failed(Throwable error, long due, long done) {
        errors.increment();
        String type = error.getClass().getSimpleName();
        errorsByType.computeIfAbsent(type, t -> new LongAdder()).increment();
        errorSamples.computeIfAbsent(type, t -> abbreviate(String.valueOf(error.getMessage())));
        lastDone.accumulateAndGet(done, Math::max);
    }

    private static void record(Histogram h, long nanos) {
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
        h.recordValue(Math.min(micros, MAX_MICROS));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
    }

    long sent() {
        return sent.sum();
    }

    long answered() {
        return answered.sum();
    }

    long errorCount() {
        return errors.sum();
    }

    long status(int code) {
        LongAdder n = statuses.get(code);
        return n == null ? 0 : n.sum();
    }

    SortedMap<Integer, Long> statuses() {
        SortedMap<Integer, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    SortedMap<String, Long> errorsByType() {
        SortedMap<String, Long> out = new TreeMap<>();
        errorsByType.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    String errorSample(String type) {
        return errorSamples.get(type);
    }

    String bodySample(int status) {
        return bodySamples.get(status);
    }

    /** System.nanoTime() of the last answer or failure, or Long.MIN_VALUE if none. */
    long lastDone() {
        return lastDone.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }
}
