// Seed 000's template samples, verbatim but for the base URL and the key.
// Run: set -a; source .kiln/local.env; set +a; node examples/seed-000/template-samples.mjs
import { Ddukddak, NotFoundError, ValidationError } from "./client.mjs";

const BASE_URL = (process.env.KILN_URL ?? "http://localhost:8080") + "/v1";
const API_KEY = process.env.KILN_API_KEY;
if (!API_KEY) {
  console.error("KILN_API_KEY is not set: run `set -a; source .kiln/local.env; set +a` first");
  process.exit(2);
}
const client = new Ddukddak(API_KEY, { baseUrl: BASE_URL });

// Returns an array directly (not wrapped in { data: [...] })
const templates = await client.templates.list({ page: 1, limit: 10 });
for (const t of templates) {
  console.log(`- ${t.id} (${t.slug}): ${t.name}`);
  console.log(` Size: ${t.canvas_width}x${t.canvas_height}`);
}

// Requires UUID (not slug)
const template = await client.templates.get(templates[0].id);
console.log("Name:", template.name);
console.log("Slug:", template.slug);
console.log("Size:", template.width, "x", template.height);
console.log("Properties:");
for (const prop of template.available_properties) {
  console.log(` - ${prop.name}: ${prop.type}`);
}

// Async — returns immediately with status "pending"
const image = await client.images.create({
  template: "product-card", // slug or UUID
  properties: [
    { name: "title", text: "My Awesome Product!" },
    { name: "background", image_url: "https://example.com/bg.jpg" },
    { name: "price", text: "$29.99", color: "#FF6B6B" },
  ],
  transparent: false, // optional, default false
});
console.log(image.uid); // "img_abc123..."
console.log(image.status); // "pending"

// Polls until completed or failed
const waited = await client.images.createAndWait(
  {
    template: "product-card",
    properties: [
      { name: "title", text: "Hello World" },
    ],
  },
  3000, // pollInterval (ms), default 3000
  300000, // timeout (ms), default 300000
);
console.log(waited.image_url);

// List generated images
const images = await client.images.list({ page: 1, limit: 10 });
for (const img of images) {
  console.log(`[${img.status}] ${img.uid}`);
}
// Get a specific image by UID
const detail = await client.images.get(image.uid);
console.log(detail.image_url ?? `(${detail.status}: ${detail.error?.code ?? "not finished"})`);

try {
  await client.images.create({ template: "no-such-template" });
} catch (error) {
  if (error instanceof NotFoundError) console.log("Template not found");
}
try {
  await client.images.create({ template: "product-card", properties: [{ name: "subtitle", text: "x" }] });
} catch (error) {
  if (error instanceof ValidationError) console.log("Invalid parameters:", error.message);
}
