CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    patient_name TEXT NOT NULL,
    -- Lower-cased name and aliases, for the patient search.
    search TEXT NOT NULL,
    aliases TEXT NOT NULL,
    description TEXT NOT NULL,
    purpose TEXT NOT NULL,
    channels TEXT NOT NULL,
    obtained_by TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    expires_at TEXT,
    expiry_event TEXT,
    document TEXT,
    revoked_at TEXT,
    revoked_by TEXT,
    revoke_reason TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX consents_org ON consents (org_id, created_at);

CREATE TABLE media (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    filename TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    sha256 TEXT NOT NULL,
    alt_text TEXT NOT NULL,
    shows_patient INTEGER NOT NULL,
    removed TEXT NOT NULL,
    file_key TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX media_org ON media (org_id, created_at);
