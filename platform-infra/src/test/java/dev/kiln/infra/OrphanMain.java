package dev.kiln.infra;

/**
 * Started as a separate JVM by {@link OrphanTest}: starts PostgreSQL, Redis and s3proxy, prints their pids and
 * waits to be killed.
 * Prints its scratch directory first so that the test can delete it.
 */
public final class OrphanMain {

    private OrphanMain() {
    }

    public static void main(String[] args) throws Exception {
        KilnInfra infra = KilnInfra.builder().kafka(false).build();
        System.out.println("KILN-TEMP " + infra.tempRoot());
        StringBuilder line = new StringBuilder("KILN-PIDS");
        infra.processIds().forEach((name, pid) -> line.append(' ').append(name).append('=').append(pid));
        System.out.println(line);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
