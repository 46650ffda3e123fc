package dev.kiln.workers.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The fetcher's safety rules. Nothing here ever connects anywhere but the two loopback test servers:
 * every refused address is refused before a connection is attempted, and no test resolves a name to,
 * or names, a public address that the fetcher would be allowed to connect to.
 */
class SafeImageFetcherTest {
    static final SafeImageFetcher.Limits FAST = new SafeImageFetcher.Limits(1024 * 1024, Duration.ofSeconds(2),
            Duration.ofMillis(600), Duration.ofSeconds(5), 3, 4_000_000L);

    /** A body for the media downloads (what it holds is not checked by the fetcher). */
    static final byte[] MEDIA = "media bytes ".repeat(5000).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path downloads;
    static TestImageServer server;
    static TestImageServer other;
    static SafeImageFetcher fetcher;
    static final SafeImageFetcher production = new SafeImageFetcher();

    @BeforeAll
    static void start() {
        other = new TestImageServer().png("/img.png", SamplePictures.halves());
        server = new TestImageServer()
                .png("/img.png", SamplePictures.halves())
                .bytes("/img.jpg", "image/jpeg; charset=binary", TestImageServer.encode(SamplePictures.halves(), "jpeg"))
                .bytes("/page.html", "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8))
                .bytes("/logo.svg", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8))
                .bytes("/octets", "application/octet-stream", TestImageServer.encode(SamplePictures.halves(), "png"))
                .bytes("/garbage.png", "image/png", "definitely not a png".getBytes(StandardCharsets.UTF_8))
                .bytes("/bomb.png", "image/png", pngHeaderOnly(30_000, 30_000))
                .route("/missing.png", ex -> TestImageServer.send(ex, 404, "text/plain", new byte[]{'n', 'o'}))
                .redirect("/to-private", 302, "http://10.0.0.1/img.png")
                .redirect("/to-metadata", 301, "http://169.254.169.254/latest/meta-data/")
                .redirect("/to-mapped", 307, "http://[::ffff:127.0.0.1]/img.png")
                .redirect("/to-decimal", 308, "http://2130706433/img.png")
                .redirect("/to-file", 302, "file:///etc/passwd")
                .redirect("/to-relative", 302, "/img.png")
                .redirect("/hop1", 302, "/hop2")
                .redirect("/hop2", 302, "/hop3")
                .redirect("/hop3", 302, "/img.png")
                .redirect("/hop0", 302, "/hop1")
                .chunked("/huge-chunked.png", 3L * 1024 * 1024)
                .declaredHuge("/huge-declared.png", 500L * 1024 * 1024)
                .stall("/stall-body.png", 100_000, new byte[]{(byte) 0x89, 'P', 'N', 'G'})
                .silent("/stall-headers.png")
                .bytes("/clip.mp4", "video/mp4", MEDIA)
                .bytes("/song", "audio/mpeg; charset=binary", MEDIA)
                .bytes("/octets.bin", "application/octet-stream", MEDIA)
                .bytes("/no-type", null, MEDIA);
        server.redirect("/to-other-port", 302, other.url("/img.png"));
        fetcher = SafeImageFetcher.forTestsAllowing(FAST, server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
        other.close();
    }

    static String code(SafeImageFetcher f, String url) {
        ImageFetchException e = catchThrowableOfType(ImageFetchException.class, () -> f.load(url));
        assertThat(e).as("refused: " + url).isNotNull();
        return e.code();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // loopback, in every spelling
            "http://127.0.0.1/a.png", "https://127.0.0.1/a.png", "http://127.8.9.10:8080/a.png",
            "http://localhost/a.png", "http://LocalHost/a.png", "http://[::1]/a.png",
            "http://2130706433/a.png", "http://0177.0.0.1/a.png", "http://0x7f.1/a.png", "http://0x7f000001/a.png",
            "http://127.1/a.png", "http://017700000001/a.png", "http://127.0.0.1./a.png",
            "http://[::ffff:127.0.0.1]/a.png", "http://[::ffff:7f00:1]/a.png", "http://[0:0:0:0:0:ffff:127.0.0.1]/a.png",
            // private, CGNAT, link-local / metadata
            "http://10.0.0.1/a.png", "http://10.255.255.255/a.png", "http://172.16.0.1/a.png",
            "http://172.31.255.254/a.png", "http://192.168.1.1/a.png", "http://100.64.0.1/a.png",
            "http://100.127.255.254/a.png", "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/a.png",
            "http://0xa9fea9fe/", "http://[::ffff:169.254.169.254]/", "http://[::ffff:10.0.0.1]/a.png",
            "http://012.0.0.1/a.png", "http://0xc0.0xa8.1.1/a.png",
            // unspecified, multicast, broadcast
            "http://0.0.0.0/a.png", "http://0/a.png", "http://[::]/a.png", "http://224.0.0.1/a.png",
            "http://239.255.255.250/a.png", "http://255.255.255.255/a.png", "http://[ff02::1]/a.png",
            // IPv6 unique local and link-local, and IPv4 embedded in IPv6
            "http://[fc00::1]/a.png", "http://[fd12:3456:789a::1]/a.png", "http://[fe80::1]/a.png",
            "http://[febf::1]/a.png", "http://[64:ff9b::7f00:1]/a.png", "http://[2002:7f00:1::1]/a.png",
            "http://[::127.0.0.1]/a.png", "http://[2001:db8::1]/a.png",
    })
    void forbiddenAddressesAreRefused(String url) {
        assertThat(code(production, url)).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        // the test fetcher allows one loopback port only
        assertThat(code(fetcher, url)).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/a.png", "gopher://127.0.0.1:70/",
            "data:image/png;base64,iVBORw0KGgo=", "jar:http://example.com/a.jar!/a.png", "javascript:alert(1)",
            "//example.com/a.png", "example.com/a.png"})
    void onlyHttpAndHttps(String url) {
        assertThat(code(production, url)).isEqualTo(ImageFetchException.UNSUPPORTED_SCHEME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0x08.8.8.8/a.png", "http://8.8.2056/a.png", "http://134744072/a.png",
            "http://1.2.3.4.5/a.png", "http://256.1.1.1/a.png", "http://example.123/a.png", "http:// /a.png"})
    void ambiguousOrInvalidHostsAreRefusedWithoutConnecting(String url) {
        // checked on the URL alone: these name public addresses, so the test must not risk a connection
        ImageFetchException e = catchThrowableOfType(ImageFetchException.class, () -> production.vetUrl(url));
        assertThat(e).as(url).isNotNull();
        assertThat(e.code()).isEqualTo(ImageFetchException.INVALID_URL);
    }

    @Test
    void theProductionFetcherRefusesTheLoopbackTestServer() {
        int before = server.totalHits();
        assertThat(code(production, server.url("/img.png"))).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(code(production, "http://localhost:" + server.port() + "/img.png"))
                .isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(server.totalHits()).isEqualTo(before);
    }

    @Test
    void onlyLoopbackEndpointsCanBeAllowedForTests() throws Exception {
        assertThatThrownBy(() -> SafeImageFetcher.forTestsAllowing(FAST,
                new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 80)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchesAnImageFromTheAllowedServer() throws Exception {
        BufferedImage png = fetcher.load(server.url("/img.png"));
        assertThat(png.getWidth()).isEqualTo(400);
        assertThat(png.getHeight()).isEqualTo(200);
        assertThat(png.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(fetcher.fetch(server.url("/img.jpg")).contentType()).isEqualTo("image/jpeg");
        assertThat(fetcher.load(server.url("/img.jpg")).getWidth()).isEqualTo(400);
    }

    @Test
    void redirectsAreFollowedAndEachHopIsVetted() throws Exception {
        assertThat(fetcher.fetch(server.url("/to-relative")).url()).endsWith("/img.png");
        assertThat(fetcher.load(server.url("/hop1")).getWidth()).isEqualTo(400); // 3 redirects: allowed
        assertThat(code(fetcher, server.url("/hop0"))).isEqualTo(ImageFetchException.TOO_MANY_REDIRECTS);

        assertThat(code(fetcher, server.url("/to-private"))).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(code(fetcher, server.url("/to-metadata"))).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(code(fetcher, server.url("/to-mapped"))).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(code(fetcher, server.url("/to-decimal"))).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(code(fetcher, server.url("/to-file"))).isEqualTo(ImageFetchException.UNSUPPORTED_SCHEME);
        // loopback on another port is not the allowed endpoint: refused, and never reached
        assertThat(code(fetcher, server.url("/to-other-port"))).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(other.totalHits()).isZero();
    }

    @Test
    void namesAreResolvedOnceAndEveryAddressIsVetted() {
        SafeImageFetcher.Resolver dns = host -> switch (host) {
            case "private.test" -> new InetAddress[]{InetAddress.getByName("10.1.2.3")};
            case "metadata.test" -> new InetAddress[]{InetAddress.getByName("169.254.169.254")};
            // one allowed address (the test server's) and one private: the whole answer is refused
            case "mixed.test" -> new InetAddress[]{InetAddress.getByName("127.0.0.1"),
                    InetAddress.getByName("10.0.0.5")};
            case "v6.test" -> new InetAddress[]{InetAddress.getByName("fd00::1")};
            // resolves to the allowed address, but the URL names another port: refused when connecting
            case "rebind.test" -> new InetAddress[]{InetAddress.getByName("127.0.0.1")};
            default -> throw new java.net.UnknownHostException(host);
        };
        SafeImageFetcher f = new SafeImageFetcher(FAST, Set.of(server.endpoint()), dns);
        assertThat(code(f, "http://private.test/a.png")).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(code(f, "https://metadata.test/a.png")).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        int before = server.totalHits();
        assertThat(code(f, "http://mixed.test:" + server.port() + "/img.png"))
                .isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(server.totalHits()).isEqualTo(before);
        assertThat(code(f, "http://v6.test/a.png")).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(code(f, "http://nowhere.test/a.png")).isEqualTo(ImageFetchException.UNKNOWN_HOST);

        ImageFetchException atConnect = catchThrowableOfType(ImageFetchException.class,
                () -> f.load("http://rebind.test:" + other.port() + "/img.png"));
        assertThat(atConnect.code()).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(atConnect.getMessage()).contains("refusing to connect to 127.0.0.1");
        assertThat(other.totalHits()).isZero();
    }

    @Test
    void bodiesAboveTheSizeCapAreRefused() {
        // 3 MiB streamed without Content-Length: stopped once past 1 MiB
        assertThat(code(fetcher, server.url("/huge-chunked.png"))).isEqualTo(ImageFetchException.TOO_LARGE);
        // 500 MiB declared: refused before reading
        long start = System.nanoTime();
        assertThat(code(fetcher, server.url("/huge-declared.png"))).isEqualTo(ImageFetchException.TOO_LARGE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        // a small file that claims 30000x30000 pixels: refused before decoding
        assertThat(code(fetcher, server.url("/bomb.png"))).isEqualTo(ImageFetchException.TOO_LARGE);
    }

    @Test
    void slowServersHitTheTimeCaps() {
        long start = System.nanoTime();
        assertThat(code(fetcher, server.url("/stall-headers.png"))).isEqualTo(ImageFetchException.TIMEOUT);
        assertThat(code(fetcher, server.url("/stall-body.png"))).isEqualTo(ImageFetchException.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        // the total cap holds even when the read cap is generous
        SafeImageFetcher total = SafeImageFetcher.forTestsAllowing(new SafeImageFetcher.Limits(1024 * 1024,
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(700), 3, 4_000_000L), server.endpoint());
        long t0 = System.nanoTime();
        assertThat(code(total, server.url("/stall-body.png"))).isEqualTo(ImageFetchException.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void onlyImagesAreAccepted() {
        assertThat(code(fetcher, server.url("/page.html"))).isEqualTo(ImageFetchException.NOT_AN_IMAGE);
        assertThat(code(fetcher, server.url("/logo.svg"))).isEqualTo(ImageFetchException.NOT_AN_IMAGE);
        assertThat(code(fetcher, server.url("/octets"))).isEqualTo(ImageFetchException.NOT_AN_IMAGE);
        assertThat(code(fetcher, server.url("/garbage.png"))).isEqualTo(ImageFetchException.NOT_AN_IMAGE);
        assertThat(code(fetcher, server.url("/missing.png"))).isEqualTo(ImageFetchException.HTTP_ERROR);
    }

    @Test
    void aFailedFetchFailsTheRenderWithTheFetchersCode() {
        TemplateRenderer renderer = new TemplateRenderer(production);
        var render = Templates.render(100, 100, "#FFFFFF",
                Templates.image("photo", 0, 0, 100, 100, "http://169.254.169.254/latest/meta-data/", "cover", 0));
        RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(render, "png"));
        assertThat(e.errorCode()).isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(e.getMessage()).contains("layer 'photo'").contains("169.254.169.254");
    }

    // ---- media downloads --------------------------------------------------------------------------

    static String downloadCode(SafeImageFetcher f, String url, Path target, long maxBytes) {
        ImageFetchException e = catchThrowableOfType(ImageFetchException.class, () -> f.download(url, target, maxBytes));
        assertThat(e).as("refused: " + url).isNotNull();
        assertThat(target).as("no partial file").doesNotExist();
        return e.code();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/clip.mp4", "/song", "/octets.bin", "/img.png"})
    void downloadStreamsVideoAudioPicturesAndOctetsIntoAFile(String path) throws Exception {
        Path target = downloads.resolve("download" + path.replace('/', '-'));
        MediaSource.Downloaded d = fetcher.download(server.url(path), target, 1024 * 1024);
        assertThat(d.bytes()).isEqualTo(Files.size(target));
        assertThat(d.url()).isEqualTo(server.url(path));
        if (!path.equals("/img.png")) {
            assertThat(Files.readAllBytes(target)).isEqualTo(MEDIA);
        }
        assertThat(d.contentType()).isIn("video/mp4", "audio/mpeg", "application/octet-stream", "image/png");
    }

    @Test
    void downloadRefusesWhatIsNotMedia() {
        assertThat(downloadCode(fetcher, server.url("/page.html"), downloads.resolve("page"), 1024 * 1024))
                .isEqualTo(ImageFetchException.NOT_MEDIA);
        assertThat(downloadCode(fetcher, server.url("/no-type"), downloads.resolve("no-type"), 1024 * 1024))
                .isEqualTo(ImageFetchException.NOT_MEDIA);
    }

    @Test
    void downloadCapsTheBodyPerCallAndLeavesNoFile() {
        assertThat(downloadCode(fetcher, server.url("/clip.mp4"), downloads.resolve("small-cap"), MEDIA.length - 1))
                .isEqualTo(ImageFetchException.TOO_LARGE);
        // the fetcher's own cap (1 MiB) bounds every call, whatever it asks for
        assertThat(downloadCode(fetcher, server.url("/huge-chunked.png"), downloads.resolve("chunked"), Long.MAX_VALUE))
                .isEqualTo(ImageFetchException.TOO_LARGE);
        assertThat(downloadCode(fetcher, server.url("/huge-declared.png"), downloads.resolve("declared"), 1024 * 1024))
                .isEqualTo(ImageFetchException.TOO_LARGE);
    }

    @Test
    void downloadIsAsSafeAsAFetch() {
        int before = server.totalHits();
        assertThat(downloadCode(production, server.url("/clip.mp4"), downloads.resolve("prod"), 1024 * 1024))
                .isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(server.totalHits()).as("the production fetcher never connected").isEqualTo(before);
        assertThat(downloadCode(fetcher, server.url("/to-metadata"), downloads.resolve("metadata"), 1024 * 1024))
                .isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(downloadCode(fetcher, server.url("/to-other-port"), downloads.resolve("other"), 1024 * 1024))
                .isEqualTo(ImageFetchException.FORBIDDEN_ADDRESS);
        assertThat(downloadCode(fetcher, "file:///etc/passwd", downloads.resolve("file"), 1024 * 1024))
                .isEqualTo(ImageFetchException.UNSUPPORTED_SCHEME);
        assertThat(downloadCode(fetcher, server.url("/stall-body.png"), downloads.resolve("stall"), 1024 * 1024))
                .isEqualTo(ImageFetchException.TIMEOUT);
    }

    /** A PNG signature and an IHDR chunk claiming {@code w x h}, and nothing else. */
    static byte[] pngHeaderOnly(int w, int h) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            DataOutputStream c = new DataOutputStream(chunk);
            c.writeBytes("IHDR");
            c.writeInt(w);
            c.writeInt(h);
            c.write(new byte[]{8, 6, 0, 0, 0});
            byte[] data = chunk.toByteArray();
            out.writeInt(13);
            out.write(data);
            CRC32 crc = new CRC32();
            crc.update(data);
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
