//! Browser glue, one browser API per module: the audio element and clock, storage, keys,
//! scroll-follow, drag and drop, loading, and the panic panel.

pub mod clock;
pub mod drop;
pub mod follow;
pub mod keys;
pub mod loader;
pub mod panic;
pub mod storage;
