// Seed 000's template video samples, verbatim but for the base URL, the key and the media URLs of
// the waited video (the seed's example.com URLs serve nothing).
// Run: set -a; source .kiln/local.env; set +a; node examples/seed-000/video-samples.mjs
// KILN_SAMPLE_MEDIA_URL / KILN_SAMPLE_AUDIO_URL: a public clip and audio to use instead; without
// them the input is a 9:16 video this account made first (POST /ai/videos; any of the account's own
// output URLs is accepted as input media).
import { Ddukddak } from "./client.mjs";

const BASE_URL = (process.env.KILN_URL ?? "http://localhost:8080") + "/v1";
const API_KEY = process.env.KILN_API_KEY;
if (!API_KEY) {
  console.error("KILN_API_KEY is not set: run `set -a; source .kiln/local.env; set +a` first");
  process.exit(2);
}
const client = new Ddukddak(API_KEY, { baseUrl: BASE_URL });

// Requires Automate plan or higher
const video = await client.videos.create({
  template: "story-promo", // slug or UUID
  input_media_url: "https://example.com/clip.mp4",
  properties: [
    { name: "title", text: "Spring Sale 2026" },
    { name: "subtitle", text: "Up to 50% off" },
  ],
  audio_url: "https://example.com/bgm.mp3", // optional
});
console.log(video.uid); // track with this ID
console.log(video.status); // "pending"

let clip = process.env.KILN_SAMPLE_MEDIA_URL;
if (!clip) {
  const source = await client.aiVideos.createAndWait({
    prompt: "Cherry blossoms over a city street",
    model: "veo-3.1-fast-generate-preview",
    aspect_ratio: "9:16",
    resolution: "720p",
    duration: "4s",
  });
  clip = source.video_url;
}

const waited = await client.videos.createAndWait(
  {
    template: "story-promo",
    input_media_url: clip,
    properties: [{ name: "title", text: "Spring Sale" }],
    ...(process.env.KILN_SAMPLE_AUDIO_URL ? { audio_url: process.env.KILN_SAMPLE_AUDIO_URL } : {}),
  },
  5000, // pollInterval (ms), default 5000
  600000, // timeout (ms), default 600000
);
console.log(waited.video_url ?? `(${waited.status}: ${waited.error?.code}: ${waited.error?.message})`);

const first = await client.videos.get(video.uid);
console.log(`[${first.status}] ${first.uid}` + (first.error ? ` ${first.error.code}` : ""));
