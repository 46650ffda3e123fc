-- Signing secrets of accounts, copied from AccountOpened events.
CREATE TABLE account_secrets (
    account_id VARCHAR(100) PRIMARY KEY,
    secret     VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One webhook message per finished job (id deterministic from job id and final status).
CREATE TABLE deliveries (
    id               VARCHAR(64)   PRIMARY KEY,
    account_id       VARCHAR(100)  NOT NULL,
    job_id           VARCHAR(100)  NOT NULL,
    url              VARCHAR(2048) NOT NULL,
    event_type       VARCHAR(50)   NOT NULL,
    payload          TEXT          NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    last_status_code INT,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ,
    CONSTRAINT deliveries_status CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_job ON deliveries (job_id);

-- Every HTTP attempt of a delivery, for operators.
CREATE TABLE delivery_attempts (
    delivery_id VARCHAR(64)   NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt     INT           NOT NULL,
    started_at  TIMESTAMPTZ   NOT NULL,
    finished_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    status_code INT,
    error       VARCHAR(1000),
    PRIMARY KEY (delivery_id, attempt)
);
