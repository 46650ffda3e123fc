package dev.kiln.workers.service.media;

import java.nio.charset.StandardCharsets;

/** Minimal in-place edits of ISO base media (MP4) box trees. */
final class Mp4Boxes {
    private Mp4Boxes() {
    }

    /**
     * Sets the creation and modification times of every {@code mvhd}, {@code tkhd} and
     * {@code mdhd} box to 0 ("unknown"), so the file does not depend on the wall clock.
     */
    static void clearTimestamps(byte[] mp4) {
        walk(mp4, 0, mp4.length);
    }

    private static void walk(byte[] b, int from, int to) {
        int p = from;
        while (p + 8 <= to) {
            long size = readUInt32(b, p);
            String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (p + 16 > to) {
                    return;
                }
                size = readUInt32(b, p + 8) << 32 | readUInt32(b, p + 12);
                header = 16;
            } else if (size == 0) {
                size = to - p;
            }
            if (size < header || p + size > to) {
                return;
            }
            int end = (int) (p + size);
            switch (type) {
                case "moov", "trak", "mdia" -> walk(b, p + header, end);
                case "mvhd", "tkhd", "mdhd" -> {
                    int body = p + header;
                    int version = b[body] & 0xff;
                    int length = version == 1 ? 16 : 8;
                    if (body + 4 + length <= end) {
                        java.util.Arrays.fill(b, body + 4, body + 4 + length, (byte) 0);
                    }
                }
                default -> {
                }
            }
            p = end;
        }
    }

    private static long readUInt32(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
