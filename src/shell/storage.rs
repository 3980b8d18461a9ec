//! The Bearer token in `localStorage`, and the fresh token this page keeps in memory when
//! storage refuses it. What to read, write or forget is decided in [`crate::domain::session`] and
//! [`crate::domain::verdict`]; this only does it, and reports a write storage refused.

use crate::domain::session::{Kept, Stored};
use crate::domain::verdict::{StorageAction, Verdict};
use std::cell::RefCell;

thread_local! {
    /// Per token key: a fresh token storage refused. Page-wide, so that every form of the page
    /// (and a form mounted again after a move) uses it, and a request that outlives its form can
    /// still leave it here.
    static KEPT: RefCell<Vec<(String, Kept)>> = const { RefCell::new(Vec::new()) };
}

fn local_storage() -> Result<web_sys::Storage, ()> {
    web_sys::window().ok_or(())?.local_storage().map_err(|_| ())?.ok_or(())
}

/// What storage holds under `key` now.
pub fn read(key: &str) -> Stored {
    Stored::from_read(local_storage().and_then(|storage| storage.get_item(key).map_err(|_| ())))
}

/// The token kept in memory for `key`, if any.
pub fn kept(key: &str) -> Option<Kept> {
    kept_slot(key, None)
}

/// Reads the token kept for `key`, or, with `replace`, replaces it (`Some(None)` forgets it) and
/// returns the one it replaced. One function with one `with`: each adds its own copy of the
/// thread-local access code.
fn kept_slot(key: &str, replace: Option<Option<Kept>>) -> Option<Kept> {
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        let at = kept.iter().position(|(k, _)| k == key);
        let found = at.and_then(|at| kept.get(at)).map(|(_, kept)| kept.clone());
        if let Some(replace) = replace {
            if let Some(at) = at {
                kept.swap_remove(at);
            }
            if let Some(value) = replace {
                kept.push((key.to_owned(), value));
            }
        }
        found
    })
}

/// Storage refused to write a token (full, disabled, or blocked by the browser).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused;

/// Does to the token under `key` what `action` says. Only a refused write is reported: a
/// refused removal leaves a token that is revoked either way.
pub fn write(key: &str, action: &StorageAction) -> Result<(), Refused> {
    match action {
        StorageAction::Write(token) => local_storage()
            .and_then(|storage| storage.set_item(key, token).map_err(|_| ()))
            .map_err(|()| Refused),
        StorageAction::Remove => {
            let _ = local_storage().map(|storage| storage.remove_item(key));
            Ok(())
        }
        StorageAction::LeaveAlone => Ok(()),
    }
}

/// Keeps in memory, or forgets, the token for `key` as `verdict` says.
pub fn keep(key: &str, verdict: &Verdict) {
    if verdict.keep.is_some() || verdict.forget_kept {
        kept_slot(key, Some(verdict.keep.clone()));
    }
}
