-- Alert fan-out reads an organisation's contacts a page at a time in id order (keyset):
-- without this index each page would sort all of the organisation's contacts.
CREATE INDEX contacts_org_id ON contacts (org_id, id);
