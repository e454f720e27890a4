CREATE TABLE channels (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    public TEXT NOT NULL,
    sealed_config TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE posts (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    author_id TEXT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    hashtags TEXT NOT NULL,
    content_type TEXT NOT NULL,
    channel_ids TEXT NOT NULL,
    media_ids TEXT NOT NULL,
    consent_ids TEXT NOT NULL,
    scheduled_at TEXT,
    -- scheduled_at, else reviewed/created time, in epoch ms: the calendar's range filter.
    calendar_ms INTEGER NOT NULL,
    state TEXT NOT NULL,
    verdict TEXT NOT NULL,
    findings TEXT NOT NULL,
    submitted_at TEXT,
    reviewed_by TEXT,
    reviewed_at TEXT,
    review_note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX posts_org_calendar ON posts (org_id, calendar_ms);
CREATE INDEX posts_org_state ON posts (org_id, state);

CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    post_id TEXT NOT NULL REFERENCES posts(id),
    channel_id TEXT NOT NULL REFERENCES channels(id),
    state TEXT NOT NULL,
    remote_id TEXT,
    remote_url TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    first_attempt_at TEXT,
    next_attempt_at TEXT,
    published_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX deliveries_post ON deliveries (post_id);
CREATE INDEX deliveries_org_state ON deliveries (org_id, state);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    run_at_ms INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_by TEXT,
    lease_until_ms INTEGER,
    last_error TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- The claim query's two paths: due queued jobs, and running jobs whose lease ran out.
CREATE INDEX jobs_due ON jobs (run_at_ms) WHERE state = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until_ms) WHERE state = 'running';
CREATE INDEX jobs_target ON jobs (target_id);
