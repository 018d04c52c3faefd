//! One component per file, each named for what it shows.

pub mod app;
pub mod back_to_current;
pub mod diagnostics_panel;
pub mod doc_header;
pub mod drop_overlay;
pub mod embedded_transcript;
#[cfg(not(feature = "embed"))]
pub mod encoding_choice;
pub mod export_menu;
pub mod help_overlay;
pub mod language_text;
pub mod loading_indicator;
pub mod message_list;
pub mod outline_list;
pub mod outline_menu;
pub mod part_slot;
pub mod paste_dialog;
pub mod player_bar;
pub mod search_box;
pub mod seek_bar;
pub mod skip_transcript;
pub mod toolbar;
pub mod transcript_view;
pub mod turn_row;
pub mod view_card;
pub mod view_menu;
