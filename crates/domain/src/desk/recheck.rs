//! Values read from the store and trusted for [`GUARD_RECHECK`] before they are read again:
//! a change made on this instance is applied at once (the entry is forgotten), one made on
//! another instance within that time.

use super::GUARD_RECHECK;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub(crate) struct Recheck<K, V> {
    entries: Mutex<HashMap<K, (Instant, Arc<V>)>>,
}

impl<K: Eq + Hash, V> Default for Recheck<K, V> {
    fn default() -> Self {
        Recheck {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V> Recheck<K, V> {
    /// The value, unless it is missing or was read too long ago.
    pub(crate) fn fresh<Q>(&self, key: &Q) -> Option<Arc<V>>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < GUARD_RECHECK)
            .map(|(_, v)| v.clone())
    }

    /// Keeps a value just read; returns it shared.
    pub(crate) fn put(&self, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, (Instant::now(), value.clone()));
        value
    }

    pub(crate) fn forget<Q>(&self, key: &Q)
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}
