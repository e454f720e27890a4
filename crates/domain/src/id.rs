/// A new sortable identifier (UUIDv7): ids created later sort later, which keeps indexes
/// append-friendly and lets lists order by id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
