-- Lists are per kind (/v1/ai/images, /v1/ai/videos): newest first within an account and kind.
CREATE INDEX jobs_account_kind_newest ON jobs (account_id, kind, created_at DESC, uid DESC);
DROP INDEX jobs_account_newest;
