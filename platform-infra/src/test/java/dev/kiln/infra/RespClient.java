package dev.kiln.infra;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Minimal Redis RESP2 client for tests: returns "+OK"-style status, "-ERR..." errors, ":n" ints, or bulk strings. */
final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespClient(String redisUrl) throws IOException {
        URI uri = URI.create(redisUrl);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    String call(String... args) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            req.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            req.write(b);
            req.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(req.toByteArray());
        out.flush();
        String line = readLine();
        if (line.startsWith("$")) {
            int len = Integer.parseInt(line.substring(1));
            if (len < 0) {
                return null;
            }
            byte[] b = in.readNBytes(len + 2);
            return new String(b, 0, len, StandardCharsets.UTF_8);
        }
        return line;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read(); // '\n'
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
