//! What the examples share: the organisation profiles of a directory (`eval/profiles/*.toml`),
//! as guards by file stem.

use guard::{Guard, OrgProfile};
use std::collections::BTreeMap;
use std::path::Path;

pub fn guards(
    dir: impl AsRef<Path>,
) -> Result<BTreeMap<String, Guard>, Box<dyn std::error::Error>> {
    let mut guards = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            let profile: OrgProfile = toml::from_str(&std::fs::read_to_string(&path)?)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            guards.insert(stem.to_string(), Guard::new(profile));
        }
    }
    Ok(guards)
}
