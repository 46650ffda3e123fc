// A minimal client with the surface of seed 000's SDK (no dependencies; Node 18+ for fetch).
// It exists to show that the seed's code samples run against Kiln with only the base URL and key swapped.

export class DdukddakError extends Error {
  constructor(message, status, body) { super(message); this.name = this.constructor.name; this.status = status; this.body = body; }
}
export class ValidationError extends DdukddakError {}
export class AuthenticationError extends DdukddakError {}
export class QuotaExceededError extends DdukddakError {}
export class PlanRestrictedError extends DdukddakError {}
export class NotFoundError extends DdukddakError {}
export class RateLimitError extends DdukddakError {}

const BY_STATUS = { 400: ValidationError, 401: AuthenticationError, 402: QuotaExceededError,
  403: PlanRestrictedError, 404: NotFoundError, 429: RateLimitError };

export class Ddukddak {
  constructor(apiKey, options = {}) {
    this.apiKey = apiKey;
    this.baseUrl = (options.baseUrl ?? "https://api.ddukddak.studio/v1").replace(/\/$/, "");
    this.timeout = options.timeout ?? 30000;
    this.auth = { test: () => this.#request("GET", "/auth") };
    this.account = { get: () => this.#request("GET", "/account") };
    this.templates = {
      list: (query = {}) => this.#request("GET", "/templates?" + new URLSearchParams(query)),
      get: (id) => this.#request("GET", `/templates/${encodeURIComponent(id)}`),
    };
    this.images = this.#jobs("/images", 3000, 300000);
    this.videos = this.#jobs("/videos", 5000, 600000);
    this.aiImages = this.#jobs("/ai/images", 3000, 300000);
    this.aiVideos = this.#jobs("/ai/videos", 5000, 600000);
  }

  #jobs(path, defaultPoll, defaultTimeout) {
    const api = {
      create: (params) => this.#request("POST", path, params),
      list: (query = {}) => this.#request("GET", path + "?" + new URLSearchParams(query)),
      get: (uid) => this.#request("GET", `${path}/${encodeURIComponent(uid)}`),
      // Not an endpoint: creates, then polls until completed or failed.
      createAndWait: async (params, pollInterval = defaultPoll, timeout = defaultTimeout) => {
        const started = Date.now();
        let job = await api.create(params);
        while (job.status !== "completed" && job.status !== "failed") {
          if (Date.now() - started > timeout) throw new DdukddakError(`Timed out waiting for ${job.uid}`, 0, job);
          await new Promise((resolve) => setTimeout(resolve, pollInterval));
          job = await api.get(job.uid);
        }
        return job;
      },
    };
    return api;
  }

  async #request(method, path, body) {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${this.apiKey}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeout),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const Type = BY_STATUS[response.status] ?? DdukddakError;
      throw new Type(json?.message ?? `HTTP ${response.status}`, response.status, json);
    }
    return json;
  }
}
