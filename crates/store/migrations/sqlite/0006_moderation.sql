-- Moderation by the published commenting policy: what was done to each inbox item (by a
-- person or by a rule, with the clause), the policy's versions, and the myth-response library.
ALTER TABLE inbox_items ADD COLUMN needs_person TEXT;
ALTER TABLE inbox_items ADD COLUMN removed_at TEXT;
CREATE INDEX inbox_assignee ON inbox_items (org_id, assigned_to);

CREATE TABLE inbox_actions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    item_id TEXT NOT NULL REFERENCES inbox_items(id),
    kind TEXT NOT NULL,
    auto INTEGER NOT NULL,
    clause TEXT,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL,
    undone_at TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX inbox_actions_item ON inbox_actions (item_id, at);

CREATE TABLE commenting_policies (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    rules TEXT NOT NULL,
    first_response_minutes INTEGER NOT NULL,
    removal_minutes INTEGER NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (org_id, version)
);

CREATE TABLE response_templates (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    topic TEXT NOT NULL,
    keywords TEXT NOT NULL,
    body TEXT NOT NULL,
    sources TEXT NOT NULL,
    position INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX response_templates_org ON response_templates (org_id, position);
