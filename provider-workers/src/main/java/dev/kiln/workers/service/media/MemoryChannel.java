package dev.kiln.workers.service.media;

import org.jcodec.common.io.SeekableByteChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;

/**
 * A growable in-memory {@link SeekableByteChannel}: the MP4 muxer seeks back to patch the
 * {@code mdat} size, so it needs a seekable target, and outputs are uploaded from memory anyway.
 * Not thread-safe.
 */
public final class MemoryChannel implements SeekableByteChannel {
    private byte[] buffer;
    private int size;
    private int position;
    private boolean open = true;

    public MemoryChannel(int initialCapacity) {
        this.buffer = new byte[Math.max(1024, initialCapacity)];
    }

    /** A channel positioned at 0 that reads {@code data}. */
    public static MemoryChannel of(byte[] data) {
        MemoryChannel channel = new MemoryChannel(data.length);
        System.arraycopy(data, 0, channel.buffer, 0, data.length);
        channel.size = data.length;
        return channel;
    }

    /** A copy of everything written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int n = Math.min(dst.remaining(), size - position);
        dst.put(buffer, position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int n = src.remaining();
        ensureCapacity((long) position + n);
        src.get(buffer, position, n);
        position += n;
        size = Math.max(size, position);
        return n;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) throws IOException {
        if (newPosition < 0 || newPosition > Integer.MAX_VALUE - 8) {
            throw new IOException("Invalid position " + newPosition);
        }
        position = (int) newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        if (newSize < size) {
            size = (int) Math.max(0, newSize);
            position = Math.min(position, size);
        }
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    private void ensureCapacity(long needed) throws IOException {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IOException("Output too large for memory: " + needed + " bytes");
        }
        if (needed > buffer.length) {
            long grown = Math.max(needed, Math.min((long) buffer.length * 2, Integer.MAX_VALUE - 8));
            buffer = Arrays.copyOf(buffer, (int) grown);
        }
    }
}
