-- Posts that stay pinned on their channels while an alert is active.
ALTER TABLE posts ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;
-- NULL (never pinned), pinned, unpinned, failed.
ALTER TABLE deliveries ADD COLUMN pin_state TEXT;

CREATE TABLE segments (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    PRIMARY KEY (org_id, name)
);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    language TEXT NOT NULL,
    segments TEXT NOT NULL,
    email_opt_in BOOLEAN NOT NULL,
    sms_opt_in BOOLEAN NOT NULL,
    voice_opt_in BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (org_id, email),
    UNIQUE (org_id, phone)
);
CREATE INDEX contacts_phone ON contacts (phone);

CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    channel_ids TEXT NOT NULL,
    segments TEXT NOT NULL,
    notify TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    state TEXT NOT NULL,
    post_id TEXT,
    all_clear TEXT,
    created_by TEXT NOT NULL,
    ended_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX alerts_org ON alerts (org_id, state);

CREATE TABLE alert_messages (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    alert_id TEXT NOT NULL REFERENCES alerts(id),
    contact_id TEXT NOT NULL,
    medium TEXT NOT NULL,
    state TEXT NOT NULL,
    provider_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    at_ms BIGINT NOT NULL,
    UNIQUE (alert_id, contact_id, medium)
);
CREATE INDEX alert_messages_queue ON alert_messages (alert_id, medium, state, at_ms);
CREATE INDEX alert_messages_provider ON alert_messages (provider_id);
