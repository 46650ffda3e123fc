package dev.kiln.workers.service.media;

import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.encode.DumbRateControl;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.common.Codec;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.common.MuxerTrack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Encodes YUV 4:2:0 frames as H.264 (Constrained Baseline, CAVLC, I and P frames) into an MP4
 * ({@code isom}, one {@code avc1} video track) in memory, with the pure-Java JCodec encoder and
 * muxer. Frame {@code i} has presentation time {@code i / fps}; the track lasts
 * {@code frames / fps} seconds.
 *
 * <p>The output is byte-for-byte reproducible: the same frames give the same file. (JCodec stamps
 * the wall clock into the {@code mvhd}, {@code tkhd} and {@code mdhd} boxes; {@link #finish}
 * resets those creation/modification times to 0, "unknown".)
 *
 * <p>Width and height must be even (4:2:0 chroma); sizes that are not multiples of 16 are coded
 * as whole macroblocks with SPS frame cropping, so decoders see exactly {@code width x height}.
 * Not thread-safe; one writer per video.
 */
public final class H264Mp4Writer {
    private final int width;
    private final int height;
    private final int fps;
    private final H264Encoder encoder;
    private final MemoryChannel channel;
    private final MP4Muxer muxer;
    private final MuxerTrack track;
    private final ByteBuffer frameBuffer;
    private int frames;

    /**
     * @param keyInterval frames between IDR frames (1 = every frame is a key frame)
     */
    public H264Mp4Writer(int width, int height, int fps, int keyInterval) {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("H.264 4:2:0 needs even dimensions, not " + width + "x" + height);
        }
        if (fps < 1) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.encoder = new LevelAwareEncoder();
        this.encoder.setKeyInterval(Math.max(1, keyInterval));
        this.channel = new MemoryChannel(width * height);
        try {
            this.muxer = MP4Muxer.createMP4MuxerToChannel(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.track = muxer.addVideoTrack(Codec.H264,
                VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
        // At least a raw frame's worth: the encoder sizes its rate control from the space it gets.
        this.frameBuffer = ByteBuffer.allocate(width * height * 3 / 2 + 64 * 1024);
    }

    /** A blank frame of this writer's size in the encoder's colour space ({@link ColorSpace#YUV420J}). */
    public Picture newFrame() {
        return Picture.create(width, height, ColorSpace.YUV420J);
    }

    /** Encodes the next frame ({@link ColorSpace#YUV420J}, this writer's size). */
    public void encode(Picture frame) {
        if (frame.getWidth() != width || frame.getHeight() != height || frame.getColor() != ColorSpace.YUV420J) {
            throw new IllegalArgumentException("Expected a " + width + "x" + height + " YUV420J frame");
        }
        frameBuffer.clear();
        var encoded = encoder.encodeFrame(frame, frameBuffer);
        Packet packet = Packet.createPacket(NIOUtils.clone(encoded.getData()), frames, fps, 1, frames,
                encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null);
        try {
            track.addFrame(packet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames++;
    }

    /** Frames encoded so far. */
    public int frames() {
        return frames;
    }

    /** Writes the MP4 header and returns the whole file. */
    public byte[] finish() {
        if (frames == 0) {
            throw new IllegalStateException("No frames encoded");
        }
        try {
            muxer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] mp4 = channel.toByteArray();
        Mp4Boxes.clearTimestamps(mp4);
        return mp4;
    }

    /** JCodec's encoder always signals level 4.0; raise it for frames larger than 4.0 allows (4K). */
    private static final class LevelAwareEncoder extends H264Encoder {
        LevelAwareEncoder() {
            super(new DumbRateControl());
        }

        @Override
        public SeqParameterSet initSPS(Size size) {
            SeqParameterSet sps = super.initSPS(size);
            int macroblocks = ((size.getWidth() + 15) >> 4) * ((size.getHeight() + 15) >> 4);
            if (macroblocks > 22_080) {
                sps.levelIdc = 51;      // up to 36,864 macroblocks per frame (4096x2304)
            } else if (macroblocks > 8_192) {
                sps.levelIdc = 50;      // up to 22,080 macroblocks per frame
            }
            return sps;
        }
    }
}
