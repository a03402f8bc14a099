-- Site credentials: only the HMAC-SHA-256 of each token, keyed with the one token key all collectors share.
CREATE TABLE token_key (
    id integer PRIMARY KEY CHECK (id = 1),
    key bytea NOT NULL
);

CREATE SEQUENCE site_credential_revision;

CREATE TABLE site_credential (
    site text PRIMARY KEY,
    scheme text NOT NULL,
    hash bytea NOT NULL,
    created timestamptz NOT NULL,
    -- from site_credential_revision on every insert or rotation: collectors poll max(revision) to see changes
    revision bigint NOT NULL
);
