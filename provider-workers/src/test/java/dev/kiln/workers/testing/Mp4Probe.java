package dev.kiln.workers.testing;

import dev.kiln.workers.service.media.MemoryChannel;
import org.jcodec.api.FrameGrab;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.mp4.AvcCBox;
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.boxes.NodeBox;
import org.jcodec.containers.mp4.boxes.SampleEntry;
import org.jcodec.containers.mp4.boxes.TrakBox;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

import java.util.List;

/**
 * What a test needs to know about an MP4, read back with JCodec's demuxer (and, optionally, its
 * H.264 decoder): the codec, the sample entry's fourcc, the picture size the SPS codes (after
 * cropping), the track's size, frame count and duration.
 */
public record Mp4Probe(Codec codec, String fourcc, int width, int height, int spsWidth, int spsHeight,
                       int frames, double durationSeconds, String brand) {

    public static Mp4Probe of(byte[] mp4) throws Exception {
        try (MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(MemoryChannel.of(mp4))) {
            List<DemuxerTrack> videos = demuxer.getVideoTracks();
            if (videos.size() != 1) {
                throw new AssertionError("expected one video track, found " + videos.size());
            }
            DemuxerTrackMeta meta = videos.get(0).getMeta();
            TrakBox trak = demuxer.getMovie().getTracks()[0];
            SampleEntry entry = trak.getSampleEntries()[0];
            AvcCBox avcC = NodeBox.findFirst(entry, AvcCBox.class, "avcC");
            if (avcC == null) {
                throw new AssertionError("no avcC box in the sample entry");
            }
            SeqParameterSet sps = H264Utils.readSPS(avcC.getSpsList().get(0).duplicate());
            Size coded = H264Utils.getPicSize(sps);
            Size size = meta.getVideoCodecMeta().getSize();
            String brand = new String(mp4, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            return new Mp4Probe(meta.getCodec(), entry.getFourcc(), size.getWidth(), size.getHeight(),
                    coded.getWidth(), coded.getHeight(), meta.getTotalFrames(), meta.getTotalDuration(), brand);
        }
    }

    /** Decodes frame {@code index} with JCodec's H.264 decoder. */
    public static Picture decodeFrame(byte[] mp4, int index) throws Exception {
        FrameGrab grab = FrameGrab.createFrameGrab(MemoryChannel.of(mp4));
        grab.seekToFramePrecise(index);
        return grab.getNativeFrame();
    }
}
