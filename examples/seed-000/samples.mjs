// Seed 000's AI samples, verbatim but for the base URL and the key (from ./bin/kiln up: source .kiln/local.env).
// Run: node examples/seed-000/samples.mjs
import { Ddukddak, AuthenticationError, ValidationError, QuotaExceededError, PlanRestrictedError,
  RateLimitError, NotFoundError, DdukddakError } from "./client.mjs";

const BASE_URL = (process.env.KILN_URL ?? "http://localhost:8080") + "/v1";
const API_KEY = process.env.KILN_API_KEY;
if (!API_KEY) {
  console.error("KILN_API_KEY is not set: run `set -a; source .kiln/local.env; set +a` first");
  process.exit(2);
}

let client = new Ddukddak(API_KEY, { baseUrl: BASE_URL });
const result = await client.auth.test();
console.log(result.message); // "Authenticated"

const account = await client.account.get();
console.log(`Usage: ${account.api_usage} / ${account.api_quota} credits`);

// Requires Scale plan or higher
// Increase timeout for AI generation
client = new Ddukddak(API_KEY, { baseUrl: BASE_URL, timeout: 120000 });
// Gemini model
const aiImage = await client.aiImages.createAndWait({
  prompt: "A minimalist product photo of a white sneaker",
  model: "gemini-2.5-flash-image",
  aspect_ratio: "1:1",
  image_size: "1K",
});
console.log(aiImage.image_url);
// Hailuo Image model (MiniMax)
const hailuoImage = await client.aiImages.createAndWait({
  prompt: "Cute bear mascot holding a camera",
  model: "image-01",
  aspect_ratio: "16:9",
  image_size: "HD", // image-01 only supports "HD"
});
console.log(hailuoImage.image_url);

// Requires Scale plan or higher
client = new Ddukddak(API_KEY, { baseUrl: BASE_URL, timeout: 300000 });
// MiniMax Hailuo model
const video = await client.aiVideos.createAndWait(
  {
    prompt: "A white sneaker rotating 360 degrees",
    model: "MiniMax-Hailuo-2.3",
    aspect_ratio: "16:9", // MiniMax: "16:9" only
    resolution: "768p", // "768p" or "1080p"
    duration: "6s", // "6s" or "10s"
  },
  5000, 600000,
);
console.log(video.video_url);
// Google Veo 3.1 Fast model
const veoVideo = await client.aiVideos.createAndWait(
  {
    prompt: "Barista making latte art, close-up",
    model: "veo-3.1-fast-generate-preview",
    aspect_ratio: "9:16", // Veo supports "9:16"
    resolution: "1080p", // "720p" or "1080p"
    duration: "6s", // "4s", "6s", "8s"
  },
  5000, 600000,
);
console.log(veoVideo.video_url);

// Error handling, as in the seed (a rule the catalogue refuses: Hailuo 1080p is 6s only)
try {
  await client.aiVideos.create({ prompt: "x", model: "MiniMax-Hailuo-2.3", resolution: "1080p", duration: "10s" });
} catch (error) {
  if (error instanceof AuthenticationError) console.log("Invalid API key");
  else if (error instanceof QuotaExceededError) console.log("Monthly credit limit reached");
  else if (error instanceof PlanRestrictedError) console.log("Feature not available on your plan");
  else if (error instanceof RateLimitError) console.log("Too many requests, retry later");
  else if (error instanceof NotFoundError) console.log("Template not found");
  else if (error instanceof ValidationError) console.log("Invalid parameters:", error.message);
  else if (error instanceof DdukddakError) console.log("Error:", error.message);
}
try {
  await new Ddukddak("wrong-key", { baseUrl: BASE_URL }).auth.test();
} catch (error) {
  if (error instanceof AuthenticationError) console.log("Invalid API key");
}
try {
  await client.aiImages.get("img_does_not_exist");
} catch (error) {
  if (error instanceof NotFoundError) console.log("Not found:", error.message);
}
