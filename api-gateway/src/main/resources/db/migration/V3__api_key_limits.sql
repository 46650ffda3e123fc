-- Per-key limits (all optional): a display name, an allowlist of models, an expiry and a credit cap.
ALTER TABLE api_keys ADD COLUMN name VARCHAR(200);
ALTER TABLE api_keys ADD COLUMN models TEXT;              -- JSON array of model ids; NULL = every model
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE api_keys ADD COLUMN credit_limit BIGINT CHECK (credit_limit >= 0);

-- The key a job was submitted with (NULL for jobs known only from status events); seeds the per-key
-- spend counter in Redis when it is missing.
ALTER TABLE jobs ADD COLUMN key_id VARCHAR(40);
CREATE INDEX jobs_key ON jobs (key_id) WHERE key_id IS NOT NULL;
