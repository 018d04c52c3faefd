//! Browser glue, one browser API per module: the audio element and clock (and what it did, in
//! words), storage, keys, legacy encodings,
//! scroll-follow, drag and drop, the APIs a browser may lack (looked up by name), loading, listening to the audio for sentence times, links to moments, downloads, the search index built in slices and its hits painted, the toolbar's menus closing, the clipboard, bilingual quotes, practice (pause or repeat at each sentence), the media controls outside the page, the theme, event
//! listeners that clean up after themselves, and the panic panel.

pub mod audio_reports;
pub mod clipboard;
pub mod clock;
pub mod decode;
pub mod deep_link;
pub mod download;
pub mod drop;
pub mod follow;
pub mod hearing;
pub mod highlight;
pub mod keys;
pub mod listen;
pub mod loader;
pub mod media_session;
pub mod menus;
pub mod pace;
pub mod panic;
pub mod practice;
pub mod quote;
pub mod reflect;
pub mod row_window;
pub mod search_index;
pub mod splitting;
pub mod storage;
pub mod stream;
pub mod theme;
