//! The thin shell around the core: network, storage and the page.

#[cfg(feature = "embed")]
pub mod events;
pub mod http;
pub mod link;
pub mod setup;
pub mod storage;
pub mod url;
pub mod words;
