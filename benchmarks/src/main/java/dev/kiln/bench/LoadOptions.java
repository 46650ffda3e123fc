package dev.kiln.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of one {@link SubmitLoad} run, parsed from the command line, with defaults from the
 * environment and from the local stack's {@code .kiln/local.env}.
 *
 * @param gateway     base URL of the gateway (loopback only)
 * @param apiKey      bearer API key
 * @param rate        requests per second, scheduled at fixed intervals
 * @param duration    measured phase
 * @param warmup      phase before it, same rate, not counted
 * @param connections most requests in flight at once (and so most connections)
 * @param timeout     per-request timeout
 * @param model       model of every request
 * @param promptPrefix prompt of every request, followed by its sequence number
 */
public record LoadOptions(URI gateway, String apiKey, double rate, Duration duration, Duration warmup,
                          int connections, Duration timeout, String model, String promptPrefix) {

    /** Upper bounds so that a typo cannot turn into an endless or runaway run. */
    static final double MAX_RATE = 20_000;
    static final Duration MAX_DURATION = Duration.ofMinutes(30);
    static final int MAX_CONNECTIONS = 2_000;

    static final String USAGE = """
            Usage: SubmitLoad [options]
              --url URL            gateway base URL, loopback only (default: KILN_URL, else .kiln/local.env)
              --key KEY            API key (default: KILN_API_KEY, else .kiln/local.env)
              --env-file PATH      env file with the defaults (default: .kiln/local.env)
              --rate N             requests per second, fixed arrival rate (default 100)
              --duration D         measured time, e.g. 30s, 2m, 500ms (default 30s)
              --warmup D           time at the same rate before measuring, not counted (default 0s)
              --connections N      most requests in flight at once (default 128)
              --timeout D          per-request timeout (default 15s)
              --model NAME         model of each request (default gemini-2.5-flash-image)
              --prompt-prefix TEXT prompt of each request, followed by its number (default "kiln load test")
            """;

    /** Thrown for a bad command line; the message is meant for the user. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public long warmupRequests() {
        return requestsIn(warmup);
    }

    public long measuredRequests() {
        return requestsIn(duration);
    }

    private long requestsIn(Duration d) {
        return (long) Math.floor(rate * d.toNanos() / 1e9);
    }

    /** Nanoseconds between two scheduled requests. */
    public long intervalNanos() {
        return Math.max(1, Math.round(1e9 / rate));
    }

    public static LoadOptions parse(String[] args, Map<String, String> env) {
        String url = null;
        String key = null;
        Path envFile = null;
        double rate = 100;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ZERO;
        int connections = 128;
        Duration timeout = Duration.ofSeconds(15);
        String model = "gemini-2.5-flash-image";
        String prefix = "kiln load test";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
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
                case "--url" -> url = value;
                case "--key" -> key = value;
                case "--env-file" -> envFile = Path.of(value);
                case "--rate" -> rate = parseRate(value);
                case "--duration" -> duration = parseDuration(name, value);
                case "--warmup" -> warmup = parseDuration(name, value);
                case "--connections" -> connections = parseInt(name, value, 1, MAX_CONNECTIONS);
                case "--timeout" -> timeout = parseDuration(name, value);
                case "--model" -> model = value;
                case "--prompt-prefix" -> prefix = value;
                default -> throw new UsageException("Unknown option " + name);
            }
        }
        if (duration.isZero()) {
            throw new UsageException("--duration must be more than 0");
        }
        if (duration.plus(warmup).compareTo(MAX_DURATION) > 0) {
            throw new UsageException("--warmup + --duration must be at most " + MAX_DURATION.toMinutes() + " minutes");
        }
        if (timeout.isZero() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new UsageException("--timeout must be between 1 ms and 2 minutes");
        }
        if (url == null || key == null) {
            Properties local = readEnvFile(envFile != null ? envFile : Path.of(".kiln", "local.env"), envFile != null);
            if (url == null) {
                url = env.getOrDefault("KILN_URL", local.getProperty("KILN_URL"));
            }
            if (key == null) {
                key = env.getOrDefault("KILN_API_KEY", local.getProperty("KILN_API_KEY"));
            }
        }
        if (url == null || url.isBlank()) {
            throw new UsageException("No gateway URL: pass --url, set KILN_URL, or run from the checkout after ./bin/kiln up");
        }
        if (key == null || key.isBlank()) {
            throw new UsageException("No API key: pass --key, set KILN_API_KEY, or run from the checkout after ./bin/kiln up");
        }
        return new LoadOptions(loopbackOnly(url), key.trim(), rate, duration, warmup, connections, timeout, model, prefix);
    }

    /**
     * The URL if it is an http(s) URL of this machine ({@code localhost}, {@code 127.0.0.0/8} or
     * {@code [::1]}); anything else is refused, without resolving any name.
     */
    static URI loopbackOnly(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("Not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UsageException("Only http(s) URLs are supported: " + url);
        }
        if (uri.getRawUserInfo() != null) {
            throw new UsageException("User info in the URL is not supported: " + url);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!isLoopback(host)) {
            throw new UsageException("Refusing to load " + (host.isEmpty() ? url : host)
                    + ": this tool only targets localhost / 127.0.0.0/8 / [::1]");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        Matcher m = IPV4.matcher(host);
        if (!m.matches()) {
            return false;
        }
        for (int g = 1; g <= 4; g++) {
            if (Integer.parseInt(m.group(g)) > 255) {
                return false;
            }
        }
        return Integer.parseInt(m.group(1)) == 127;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    static Duration parseDuration(String option, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(option + ": expected a duration like 30s, 2m or 500ms, got " + value);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        if (millis > MAX_DURATION.toMillis()) {
            throw new UsageException(option + " must be at most " + MAX_DURATION.toMinutes() + " minutes");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    private static double parseRate(String value) {
        double rate;
        try {
            rate = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--rate: expected a number, got " + value);
        }
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new UsageException("--rate must be more than 0 and at most " + (long) MAX_RATE);
        }
        return rate;
    }

    private static int parseInt(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected an integer, got " + value);
        }
    }

    private static Properties readEnvFile(Path file, boolean required) {
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new UsageException("No such env file: " + file);
            }
            return p;
        }
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
