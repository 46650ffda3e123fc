package dev.kiln.bench;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The block printed at the end of a {@link SubmitLoad} run, meant to be pasted into a note as is. */
record LoadReport(LoadOptions options, Instant startedAt, long warmupScheduled, long measuredScheduled,
                  LoadStats warmup, LoadStats measured, long measureStartNanos, long unsentMeasured,
                  long unsentWarmup, int leftInFlight, String rateLimit, String loadBefore, String loadAfter) {

    /** True when every measured request was sent and answered with 200. */
    boolean clean() {
        return unsentMeasured == 0 && unsentWarmup == 0 && leftInFlight == 0 && measured.errorCount() == 0
                && measured.status(200) == measuredScheduled;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("==== Kiln submit load: POST ").append(options.gateway()).append("/v1/ai/images ====\n");
        line(b, "started", startedAt.truncatedTo(ChronoUnit.SECONDS) + " (" + Runtime.getRuntime().availableProcessors()
                + " CPUs, load avg " + loadBefore + " before, " + loadAfter + " after)");
        line(b, "offered", SubmitLoad.fmtRate(options.rate()) + " req/s, fixed arrival rate; latency from the intended send time");
        line(b, "model", options.model() + ", prompt \"" + options.promptPrefix() + " #<n>\"");
        line(b, "connections", options.connections() + " max in flight (peak " + measured.maxInFlight() + " measured, "
                + warmup.maxInFlight() + " warm-up)");
        line(b, "rate limit", "X-RateLimit-Limit " + rateLimit + " before the run");
        line(b, "warm-up", String.format(Locale.ROOT, "%s s, %,d sent, %s", secs(options.warmup().toMillis()),
                warmup.sent(), statusLine(warmup)) + (warmup.errorCount() > 0 ? ", errors " + warmup.errorCount() : ""));
        line(b, "measured", String.format(Locale.ROOT, "%s s, %,d scheduled", secs(options.duration().toMillis()), measuredScheduled));
        line(b, "sent", String.format(Locale.ROOT, "%,d", measured.sent())
                + (unsentMeasured > 0 ? String.format(Locale.ROOT, " (%,d never sent: no free slot before the deadline)", unsentMeasured) : ""));
        line(b, "responses", statusLine(measured));
        line(b, "errors", errorLine());
        if (leftInFlight > 0) {
            line(b, "unfinished", leftInFlight + " requests still in flight when the run stopped");
        }
        long last = measured.lastDone();
        double window = last == Long.MIN_VALUE ? 0 : (last - measureStartNanos) / 1e9;
        if (window > 0) {
            line(b, "throughput", String.format(Locale.ROOT, "%.1f req/s answered, %.1f req/s 200 OK (over %.1f s, first due → last answer)",
                    measured.answered() / window, measured.status(200) / window, window));
        } else {
            line(b, "throughput", "n/a (nothing answered)");
        }
        b.append(String.format(Locale.ROOT, "  %-14s %9s %9s %9s %9s %9s %9s%n", "latency ms", "p50", "p90", "p99", "p99.9", "max", "mean"));
        row(b, "all answers", measured.latency);
        if (measured.status(200) != measured.answered()) {
            row(b, "200 only", measured.latencyOk);
        }
        row(b, "service time", measured.service);
        row(b, "send lag", measured.sendLag);
        b.append("  (all answers / 200 only: intended send → answer; service time: actual send → answer;\n"
                + "   send lag: intended → actual send, i.e. time spent waiting in the generator)\n");
        for (Map.Entry<Integer, Long> e : measured.statuses().entrySet()) {
            String sample = measured.bodySample(e.getKey());
            if (sample != null) {
                line(b, "e.g. " + e.getKey(), sample);
            }
        }
        b.append("====");
        return b.toString();
    }

    private String statusLine(LoadStats stats) {
        Map<Integer, Long> statuses = stats.statuses();
        if (statuses.isEmpty()) {
            return "no answers";
        }
        return statuses.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%d: %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private String errorLine() {
        Map<String, Long> errors = measured.errorsByType();
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s: %,d (%s)", e.getKey(), e.getValue(), measured.errorSample(e.getKey())))
                .collect(Collectors.joining("; "));
    }

    private static void row(StringBuilder b, String name, Histogram h) {
        if (h.getTotalCount() == 0) {
            b.append(String.format(Locale.ROOT, "  %-14s %9s%n", name, "n/a"));
            return;
        }
        b.append(String.format(Locale.ROOT, "  %-14s %9s %9s %9s %9s %9s %9s%n", name,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), ms(Math.round(h.getMean()))));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.1f", micros / 1000.0);
    }

    private static String secs(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(String.format(Locale.ROOT, "  %-14s %s%n", name, value));
    }
}
