package dev.kiln.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Kills a JVM that started infrastructure with SIGKILL and checks that its child processes die too. */
class OrphanTest {

    @Test
    void childProcessesDieWhenTheJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), OrphanMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        Map<String, Long> pids = new HashMap<>();
        Path[] tempRoot = new Path[1];
        StringBuffer output = new StringBuffer();
        try {
            CompletableFuture<String> pidLine = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("KILN-TEMP ")) {
                            tempRoot[0] = Path.of(line.substring("KILN-TEMP ".length()).trim());
                        }
                        if (line.startsWith("KILN-PIDS")) {
                            // keep draining in the background so the child never blocks on a full pipe
                            Thread drain = new Thread(() -> r.lines().forEach(l -> { }));
                            drain.setDaemon(true);
                            drain.start();
                            return line;
                        }
                        output.append(line).append('\n');
                    }
                    throw new IllegalStateException("child JVM ended without printing pids:\n" + output);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String line;
            try {
                line = pidLine.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("child JVM printed no pids within 120 s; its output:\n" + output, e);
            }
            for (String part : line.substring("KILN-PIDS".length()).trim().split(" ")) {
                String[] kv = part.split("=");
                pids.put(kv[0], Long.parseLong(kv[1]));
            }
            assertEquals(3, pids.size(), line);
            pids.values().forEach(pid -> assertTrue(alive(pid), "pid " + pid + " should be running"));
        } finally {
            jvm.destroyForcibly(); // SIGKILL: no shutdown hooks
            jvm.waitFor(30, TimeUnit.SECONDS);
        }
        assertNotNull(pids.get("postgres"));
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> pids.values().stream().noneMatch(OrphanTest::alive));
        System.out.printf("children %s gone %d ms after SIGKILL of the parent JVM%n", pids,
                (System.nanoTime() - t0) / 1_000_000);
        FileUtil.deleteTree(tempRoot[0]); // the killed JVM could not clean up (a later KilnInfra would)
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
