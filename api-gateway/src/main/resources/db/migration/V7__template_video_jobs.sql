-- Template videos (POST /v1/videos) and stored-asset references. A template job may carry
-- kiln-asset:<object key> references instead of the signed asset URLs the caller sent (JobSpec.render),
-- so the read model keeps both: what the job carries, and what the caller sent (shown by the API).
ALTER TABLE jobs ADD COLUMN input_media_url TEXT;   -- template videos: the input video as the job carries it
ALTER TABLE jobs ADD COLUMN audio_url       TEXT;   -- template videos: the audio as the job carries it
ALTER TABLE jobs ADD COLUMN sent_values     TEXT;   -- template jobs: JSON {properties, input_media_url, audio_url} as sent
