-- Templates (GET/POST /v1/templates): a TemplateDocument (canvas and layers) as JSON. Built-in
-- starter templates have no account (account_id NULL) and are written at startup from
-- BuiltinTemplates; every other template belongs to one account. A slug is unique per owner: among
-- an account's own templates, and among the built-ins (two partial indexes, since NULLs are distinct
-- in a plain UNIQUE constraint).
CREATE TABLE templates (
    id         UUID         PRIMARY KEY,
    account_id VARCHAR(40),                                 -- NULL: built-in, visible to every account
    slug       VARCHAR(100) NOT NULL,
    name       VARCHAR(200) NOT NULL,
    document   TEXT         NOT NULL,                       -- TemplateDocument JSON (snake_case, layer "type")
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX templates_account_slug ON templates (account_id, slug) WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX templates_builtin_slug ON templates (slug) WHERE account_id IS NULL;
CREATE INDEX templates_account_newest ON templates (account_id, created_at DESC, id DESC);
