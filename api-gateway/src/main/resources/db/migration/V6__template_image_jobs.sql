-- Template image jobs (POST /v1/images) have no prompt; they keep the template they were rendered
-- from and the request's property values (from JobSpec.render, the snapshot sent with the job).
ALTER TABLE jobs ALTER COLUMN prompt DROP NOT NULL;
ALTER TABLE jobs ADD COLUMN template_id VARCHAR(64);      -- the template's UUID at submit
ALTER TABLE jobs ADD COLUMN properties  TEXT;             -- JSON array of {name, text, image_url, color}
ALTER TABLE jobs ADD COLUMN transparent BOOLEAN;
