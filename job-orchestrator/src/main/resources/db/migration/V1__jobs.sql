-- Every job the orchestrator knows, with its current status. Rows change only by moving the status
-- forward (pending -> processing -> succeeded | failed).
CREATE TABLE jobs (
    job_id        VARCHAR(100) PRIMARY KEY,
    account_id    VARCHAR(100) NOT NULL,
    kind          VARCHAR(30)  NOT NULL,
    model         VARCHAR(100) NOT NULL,
    pool          VARCHAR(100),
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('pending', 'processing', 'succeeded', 'failed')),
    spec          TEXT         NOT NULL, -- JobSpec JSON (snake_case, as on the wire)
    webhook_url   TEXT,
    price_credits BIGINT       NOT NULL,
    outputs       TEXT,                  -- JSON array of assets when succeeded
    error_code    VARCHAR(100),
    error_message TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0
);
-- The timeout sweep looks for unfinished jobs by age.
CREATE INDEX jobs_unfinished ON jobs (updated_at) WHERE status IN ('pending', 'processing');
CREATE INDEX jobs_account ON jobs (account_id, created_at);
