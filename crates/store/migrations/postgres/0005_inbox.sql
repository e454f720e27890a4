CREATE TABLE inbox_items (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    channel_id TEXT NOT NULL REFERENCES channels(id),
    remote_id TEXT NOT NULL,
    parent_remote_id TEXT,
    kind TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    raw_sealed TEXT NOT NULL,
    labels TEXT NOT NULL,
    state TEXT NOT NULL,
    assigned_to TEXT,
    suggested_reply TEXT,
    received_at TIMESTAMPTZ NOT NULL,
    first_response_at TIMESTAMPTZ,
    resolved_at TIMESTAMPTZ,
    UNIQUE (channel_id, remote_id)
);
CREATE INDEX inbox_org ON inbox_items (org_id, received_at);
