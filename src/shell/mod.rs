//! The thin shell around the core: network, storage and the page.

pub mod embed;
pub mod events;
pub mod http;
pub mod link;
pub mod storage;
pub mod url;
