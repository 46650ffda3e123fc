-- Accounts opened through the admin API.
CREATE TABLE accounts (
    id             VARCHAR(40)  PRIMARY KEY,               -- acc_…
    name           VARCHAR(200) NOT NULL,
    plan           VARCHAR(40)  NOT NULL,
    webhook_secret VARCHAR(100) NOT NULL,                  -- whsec_… (Standard Webhooks)
    created_at     TIMESTAMPTZ  NOT NULL
);

-- API keys: only the SHA-256 hex of the key is stored, plus a display prefix.
CREATE TABLE api_keys (
    id         VARCHAR(40) PRIMARY KEY,                     -- key_…
    account_id VARCHAR(40) NOT NULL REFERENCES accounts (id),
    prefix     VARCHAR(12) NOT NULL,
    key_hash   CHAR(64)    NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_keys_account ON api_keys (account_id);

-- Read model of jobs, fed by kiln.jobs.status.v1 (and the pending row written at submit).
CREATE TABLE jobs (
    uid           VARCHAR(40)  PRIMARY KEY,                 -- img_…
    account_id    VARCHAR(40)  NOT NULL,
    kind          VARCHAR(30)  NOT NULL,
    model         VARCHAR(100) NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    status_rank   SMALLINT     NOT NULL,
    prompt        TEXT         NOT NULL,
    options       TEXT         NOT NULL,                    -- JSON object, e.g. {"aspect_ratio":"1:1","image_size":"1K"}
    width         INTEGER,
    height        INTEGER,
    webhook_url   TEXT,
    price_credits BIGINT       NOT NULL,
    outputs       TEXT         NOT NULL DEFAULT '[]',       -- JSON array of assets
    error_code    VARCHAR(100),
    error_message TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX jobs_account_newest ON jobs (account_id, created_at DESC, uid DESC);

-- Read model of balances, fed by kiln.billing.ledger.v1 (applied only in sequence order).
CREATE TABLE account_balances (
    account_id VARCHAR(40) PRIMARY KEY,
    quota      BIGINT NOT NULL,
    used       BIGINT NOT NULL,
    held       BIGINT NOT NULL,
    available  BIGINT NOT NULL,
    sequence   BIGINT NOT NULL
);
