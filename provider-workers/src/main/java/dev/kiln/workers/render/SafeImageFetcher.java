package dev.kiln.workers.render;

import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import javax.net.SocketFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Fetches user-supplied image and media URLs without letting them reach anything but the public
 * internet: pictures of image layers ({@link #load}, {@link #fetch}, into memory) and the input media
 * and audio of template videos ({@link #download}, streamed into a file).
 *
 * <ul>
 *   <li><b>Schemes</b>: {@code http} and {@code https} only.</li>
 *   <li><b>Addresses</b> ({@link AddressPolicy}): loopback, private, carrier-grade NAT, link-local
 *       (cloud metadata), multicast, unspecified, reserved, IPv6 unique-local / link-local and
 *       IPv4-mapped / NAT64 / 6to4 forms of those are refused. A host written as a number in any
 *       other form than a plain dotted quad ({@code 2130706433}, {@code 0177.0.0.1},
 *       {@code 0x7f.1}) is refused ({@code forbidden_address} when it decodes to a refused address,
 *       {@code invalid_url} otherwise).</li>
 *   <li><b>At connect time</b>: a host name is resolved once, every address it resolves to is
 *       vetted, and the connection is made to exactly those vetted {@link InetAddress}es (OkHttp's
 *       {@link Dns} hook; the URL's host name still goes into the {@code Host} header and TLS SNI),
 *       so a second DNS answer cannot swap in a private address. Every socket additionally checks
 *       the address it is about to connect to (a guarded {@link SocketFactory}), whatever path led
 *       there. No proxy is used.</li>
 *   <li><b>Redirects</b> are followed by hand, at most {@link Limits#maxRedirects()}, and each hop
 *       goes through the same checks: a redirect to a private address is refused.</li>
 *   <li><b>Caps</b>: body size (checked while streaming, and up front from {@code Content-Length}),
 *       connect, read (between bytes) and total time, decoded pixel count.</li>
 *   <li><b>Content</b>: the content type must be PNG, JPEG, GIF, WebP or BMP, and the body must decode;
 *       a {@linkplain #download media download} accepts {@code video/*}, {@code audio/*}, {@code image/*}
 *       and {@code application/octet-stream} (what it is, is decided by reading the file).</li>
 * </ul>
 * Failures are {@link ImageFetchException}s with a machine-readable code.
 *
 * <p>Thread-safe; connections are pooled per instance.
 */
public final class SafeImageFetcher implements ImageSource, MediaSource {
    private static final Set<String> IMAGE_TYPES = Set.of("png", "jpeg", "jpg", "pjpeg", "gif", "webp", "bmp",
            "x-ms-bmp");
    private static final String USER_AGENT = "Kiln-Renderer/1.0";
    private static final String IMAGE_ACCEPT = "image/png,image/jpeg,image/webp,image/gif;q=0.9,image/bmp;q=0.5";
    private static final String MEDIA_ACCEPT = "video/*,audio/*,image/*;q=0.9,application/octet-stream;q=0.5";

    /**
     * @param maxBytes       largest body, in bytes (a {@linkplain #download download} may ask for less)
     * @param connectTimeout longest TCP (and TLS) connect per hop
     * @param readTimeout    longest wait for the next bytes
     * @param totalTimeout   longest fetch, every redirect and the whole body included
     * @param maxRedirects   redirects followed at most
     * @param maxPixels      largest decoded picture, width × height
     */
    public record Limits(long maxBytes, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                         int maxRedirects, long maxPixels) {
        /** 10 MiB, 5 s connect, 10 s read, 20 s total, 3 redirects, 40 megapixels. */
        public static Limits defaults() {
            return new Limits(10L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(20), 3, 40_000_000L);
        }
    }

    /** Name resolution (tests replace it to play a DNS server). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A fetched body. */
    public record Fetched(String url, String contentType, byte[] body) {
    }

    private final Limits limits;
    private final Set<InetSocketAddress> testEndpoints;
    private final OkHttpClient client;

    /** The production fetcher with {@link Limits#defaults()}. */
    public SafeImageFetcher() {
        this(Limits.defaults());
    }

    /** The production fetcher: public addresses only. */
    public SafeImageFetcher(Limits limits) {
        this(limits, Set.of(), InetAddress::getAllByName);
    }

    /**
     * <b>Tests only</b>: a fetcher that, besides public addresses, may connect to exactly these
     * loopback endpoints (address and port), e.g. a test HTTP server on {@code 127.0.0.1:<port>}.
     * Any other loopback port and every other refused range stay refused, redirects included.
     *
     * @throws IllegalArgumentException when an endpoint is not a loopback address
     */
    public static SafeImageFetcher forTestsAllowing(Limits limits, InetSocketAddress... loopbackEndpoints) {
        for (InetSocketAddress e : loopbackEndpoints) {
            if (e.isUnresolved() || !e.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("only loopback endpoints may be allowed, not " + e);
            }
        }
        return new SafeImageFetcher(limits, Set.of(loopbackEndpoints), InetAddress::getAllByName);
    }

    SafeImageFetcher(Limits limits, Set<InetSocketAddress> testEndpoints, Resolver resolver) {
        this.limits = limits;
        this.testEndpoints = Set.copyOf(testEndpoints);
        this.client = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .dns(new VettingDns(resolver))
                .socketFactory(new GuardedSocketFactory())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(limits.connectTimeout())
                .readTimeout(limits.readTimeout())
                .writeTimeout(limits.readTimeout())
                .callTimeout(limits.totalTimeout())
                .build();
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public BufferedImage load(String url) throws ImageFetchException {
        return Images.decode(fetch(url).body(), limits.maxPixels());
    }

    /**
     * Fetches {@code url} (following redirects) and returns the body of an image content type.
     *
     * @throws ImageFetchException with one of the codes of {@link ImageFetchException}
     */
    public Fetched fetch(String url) throws ImageFetchException {
        return get(url, IMAGE_ACCEPT, (response, current) -> {
            String contentType = checkContentType(response, current);
            return new Fetched(current.toString(), contentType, readCapped(response.body(), current, limits.maxBytes()));
        });
    }

    /**
     * Fetches {@code url} (following redirects, with every check of this class) and streams the body
     * into {@code target}, at most {@code maxBytes} (and at most {@link Limits#maxBytes()}). The content
     * type must be {@code video/*}, {@code audio/*}, {@code image/*} or {@code application/octet-stream}
     * ({@value ImageFetchException#NOT_MEDIA} otherwise). A failed fetch leaves no file behind.
     *
     * @throws ImageFetchException with one of the codes of {@link ImageFetchException}
     */
    @Override
    public Downloaded download(String url, Path target, long maxBytes) throws ImageFetchException {
        long cap = Math.min(maxBytes, limits.maxBytes());
        try {
            return get(url, MEDIA_ACCEPT, (response, current) -> {
                String contentType = checkMediaType(response, current);
                long bytes = copyCapped(response.body(), current, cap, target);
                return new Downloaded(current.toString(), contentType, bytes);
            });
        } catch (ImageFetchException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // best effort: the caller removes its working directory anyway
            }
            throw e;
        }
    }

    /** Reads a successful response (after the redirects). */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(Response response, HttpUrl url) throws IOException;
    }

    private <T> T get(String url, String accept, BodyReader<T> reader) throws ImageFetchException {
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        HttpUrl current = vetUrl(url);
        for (int hop = 0; ; hop++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timeout(current);
            }
            Request request = new Request.Builder().url(current).get()
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", accept)
                    .build();
            Call call = client.newCall(request);
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                if (response.isRedirect()) {
                    if (hop >= limits.maxRedirects()) {
                        throw new ImageFetchException(ImageFetchException.TOO_MANY_REDIRECTS,
                                "more than " + limits.maxRedirects() + " redirects from " + url);
                    }
                    String location = response.header("Location");
                    if (location == null || location.isBlank()) {
                        throw new ImageFetchException(ImageFetchException.HTTP_ERROR,
                                "redirect " + response.code() + " without a Location from " + redacted(current));
                    }
                    current = vetUrl(resolve(current, location));
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw new ImageFetchException(ImageFetchException.HTTP_ERROR,
                            "HTTP " + response.code() + " from " + redacted(current));
                }
                return reader.read(response, current);
            } catch (ImageFetchException e) {
                throw e;
            } catch (IOException e) {
                throw translate(e, current, deadline);
            }
        }
    }

    // ---- URL and address checks -------------------------------------------------------------------

    /** Checks scheme, syntax and literal addresses of {@code url} (no DNS, no connection). */
    HttpUrl vetUrl(String url) throws ImageFetchException {
        if (url == null || url.isBlank()) {
            throw new ImageFetchException(ImageFetchException.INVALID_URL, "no URL");
        }
        String s = url.strip();
        int colon = s.indexOf(':');
        String scheme = colon > 0 ? s.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImageFetchException(ImageFetchException.UNSUPPORTED_SCHEME,
                    "only http and https URLs are fetched, not '" + (scheme.isEmpty() ? s : scheme + ":") + "'");
        }
        HttpUrl parsed = HttpUrl.parse(s);
        if (parsed == null) {
            throw new ImageFetchException(ImageFetchException.INVALID_URL, "'" + s + "' is not a valid URL");
        }
        String host = parsed.host();
        InetAddress literal;
        if (host.indexOf(':') >= 0) {
            literal = ipv6Literal(host);
        } else {
            try {
                literal = AddressPolicy.parseNumericIpv4(host);
            } catch (IllegalArgumentException e) {
                throw new ImageFetchException(ImageFetchException.INVALID_URL, e.getMessage());
            }
        }
        if (literal != null) {
            String why = whyForbidden(literal, parsed.port());
            if (why != null) {
                throw new ImageFetchException(ImageFetchException.FORBIDDEN_ADDRESS,
                        "'" + host + "' is " + literal.getHostAddress() + ", " + why);
            }
            if (host.indexOf(':') < 0 && !AddressPolicy.isCanonicalIpv4(host)) {
                throw new ImageFetchException(ImageFetchException.INVALID_URL, "'" + host
                        + "' is an ambiguous way to write " + literal.getHostAddress() + "; write it as a dotted quad");
            }
        }
        return parsed;
    }

    private static InetAddress ipv6Literal(String host) throws ImageFetchException {
        try {
            // a literal with ':' is parsed, never looked up
            return InetAddress.getByName(host.startsWith("[") ? host : "[" + host + "]");
        } catch (UnknownHostException e) {
            throw new ImageFetchException(ImageFetchException.INVALID_URL, "'" + host + "' is not an IPv6 address");
        }
    }

    /** The redirect target; a non-http(s) or unparseable one is reported by {@link #vetUrl}. */
    private static String resolve(HttpUrl base, String location) {
        HttpUrl target = base.resolve(location.strip());
        return target == null ? location.strip() : target.toString();
    }

    /** Why the fetcher may not connect to {@code address:port}, or {@code null} when it may. */
    private String whyForbidden(InetAddress address, int port) {
        if (port >= 0 && testEndpoints.contains(new InetSocketAddress(address, port))) {
            return null;
        }
        return AddressPolicy.whyForbidden(address);
    }

    private boolean allowedForSomePort(InetAddress address) {
        if (AddressPolicy.whyForbidden(address) == null) {
            return true;
        }
        return testEndpoints.stream().anyMatch(e -> e.getAddress().equals(address));
    }

    /** Refusal of an address, raised inside OkHttp (DNS or connect) and recognised afterwards. */
    private static final class ForbiddenAddress extends UnknownHostException {
        ForbiddenAddress(String message) {
            super(message);
        }
    }

    /** Resolves once and hands OkHttp only vetted addresses: OkHttp connects to exactly these. */
    private final class VettingDns implements Dns {
        private final Resolver resolver;

        VettingDns(Resolver resolver) {
            this.resolver = resolver;
        }

        @Override
        public List<InetAddress> lookup(String hostname) throws UnknownHostException {
            InetAddress[] addresses = resolver.resolve(hostname);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(hostname + " has no address");
            }
            for (InetAddress a : addresses) {
                if (!allowedForSomePort(a)) {
                    throw new ForbiddenAddress("'" + hostname + "' resolves to " + a.getHostAddress() + ", "
                            + AddressPolicy.whyForbidden(a));
                }
            }
            return Arrays.asList(addresses);
        }
    }

    /** Sockets that refuse to connect to a forbidden address, whatever resolved it. */
    private final class GuardedSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new GuardedSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        private Socket connected(InetSocketAddress endpoint) throws IOException {
            Socket socket = new GuardedSocket();
            socket.connect(endpoint);
            return socket;
        }
    }

    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new ForbiddenAddress("refusing to connect to unresolved " + endpoint);
            }
            String why = whyForbidden(inet.getAddress(), inet.getPort());
            if (why != null) {
                close();
                throw new ForbiddenAddress("refusing to connect to " + inet.getAddress().getHostAddress() + ", "
                        + why);
            }
            super.connect(endpoint, timeout);
        }
    }

    // ---- response checks --------------------------------------------------------------------------

    private static String checkContentType(Response response, HttpUrl url) throws ImageFetchException {
        String header = response.header("Content-Type");
        MediaType type = header == null ? null : MediaType.parse(header);
        if (type == null || !type.type().equalsIgnoreCase("image")
                || !IMAGE_TYPES.contains(type.subtype().toLowerCase(Locale.ROOT))) {
            throw new ImageFetchException(ImageFetchException.NOT_AN_IMAGE, "content type '"
                    + (header == null ? "" : header) + "' from " + redacted(url)
                    + " is not PNG, JPEG, GIF, WebP or BMP");
        }
        return type.type() + "/" + type.subtype();
    }

    private static String checkMediaType(Response response, HttpUrl url) throws ImageFetchException {
        String header = response.header("Content-Type");
        MediaType type = header == null ? null : MediaType.parse(header);
        String main = type == null ? "" : type.type().toLowerCase(Locale.ROOT);
        String sub = type == null ? "" : type.subtype().toLowerCase(Locale.ROOT);
        if (!main.equals("video") && !main.equals("audio") && !main.equals("image")
                && !(main.equals("application") && sub.equals("octet-stream"))) {
            throw new ImageFetchException(ImageFetchException.NOT_MEDIA, "content type '"
                    + (header == null ? "" : header) + "' from " + redacted(url)
                    + " is not video, audio, image or application/octet-stream");
        }
        return main + "/" + sub;
    }

    /** Writes the body to {@code target}, failing as soon as it is larger than {@code max} bytes. */
    private static long copyCapped(ResponseBody body, HttpUrl url, long max, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            return copyCapped(body, url, max, out);
        }
    }

    /** The body's bytes, failing as soon as it is larger than {@code max} bytes. */
    private static byte[] readCapped(ResponseBody body, HttpUrl url, long max) throws IOException {
        Buffer all = new Buffer();
        copyCapped(body, url, max, all.outputStream());
        return all.readByteArray();
    }

    private static long copyCapped(ResponseBody body, HttpUrl url, long max, OutputStream out) throws IOException {
        if (body.contentLength() > max) {
            throw tooLarge(url, max);
        }
        BufferedSource source = body.source();
        Buffer chunk = new Buffer();
        long total = 0;
        while (true) {
            long n = source.read(chunk, 64 * 1024L);
            if (n == -1) {
                break;
            }
            total += n;
            if (total > max) {
                throw tooLarge(url, max);
            }
            chunk.writeTo(out);
        }
        return total;
    }

    private static ImageFetchException tooLarge(HttpUrl url, long max) {
        return new ImageFetchException(ImageFetchException.TOO_LARGE,
                "the body from " + redacted(url) + " is larger than " + max + " bytes");
    }

    private ImageFetchException timeout(HttpUrl url) {
        return new ImageFetchException(ImageFetchException.TIMEOUT, "fetching " + redacted(url)
                + " took longer than allowed (connect " + limits.connectTimeout().toMillis() + " ms, read "
                + limits.readTimeout().toMillis() + " ms, total " + limits.totalTimeout().toMillis() + " ms)");
    }

    private ImageFetchException translate(IOException e, HttpUrl url, long deadline) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenAddress) {
                return new ImageFetchException(ImageFetchException.FORBIDDEN_ADDRESS, t.getMessage(), e);
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof ForbiddenAddress) {
                    return new ImageFetchException(ImageFetchException.FORBIDDEN_ADDRESS, s.getMessage(), e);
                }
            }
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException
                || System.nanoTime() - deadline >= 0) {
            return timeout(url);
        }
        if (e instanceof UnknownHostException) {
            return new ImageFetchException(ImageFetchException.UNKNOWN_HOST,
                    "'" + url.host() + "' does not resolve", e);
        }
        return new ImageFetchException(ImageFetchException.FETCH_FAILED,
                "fetching " + redacted(url) + " failed: " + e, e);
    }

    /** The URL without user info or query, for messages. */
    private static String redacted(HttpUrl url) {
        return url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? ""
                : ":" + url.port()) + url.encodedPath();
    }
}
