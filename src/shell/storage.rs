//! The Bearer token in `localStorage`.

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The token stored under `key`; `None` when there is none, or storage is disabled.
pub fn read_token(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten().filter(|token| !token.trim().is_empty())
}

/// Whether storing `token` under `key` worked (it fails when storage is full or disabled).
#[must_use]
pub fn write_token(key: &str, token: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(key, token).is_ok())
}

/// Removes the token under `key`; there is nothing useful to do if storage refuses.
pub fn remove_token(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}
