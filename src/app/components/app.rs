//! The whole page: toolbar, messages, the transcript, the player bar, and the overlays.

use leptos::html::{Audio, Div, Span};
use leptos::prelude::*;

use crate::app::components::{
    back_to_current::BackToCurrent, diagnostics_panel::DiagnosticsPanel, doc_header::DocHeader,
    drop_overlay::DropOverlay, help_overlay::mount_help, notices::Notices, part_slot::PartSlot,
    player_bar::PlayerBar, skip_transcript::SkipTranscript, toolbar::Toolbar,
    transcript_view::TranscriptView,
};
use crate::app::erased::effect;
use crate::app::hooks::theme::{use_resolved_theme, use_system_dark};
use crate::app::hooks::{
    audio_reports::use_audio_reports, deep_link::use_deep_link, drop::use_page_drop,
    follow::use_follow, hearing::use_hearing, keys::use_shortcuts, loader,
    media_session::use_media_session, practice::use_practice, quote::use_quote_on_copy,
    splitting::use_sentence_splitting, storage,
};
use crate::app::mount_later;
use crate::app::state::{MessageKind, Player};

#[component]
pub fn App() -> impl IntoView {
    let settings = storage::load_settings();
    let player = Player::new(settings.unwrap_or_default(), true);
    provide_context(player);
    if let Err(discarded) = settings {
        player.say(MessageKind::Info, discarded.0);
    }

    effect(move || storage::save_settings(&player.settings.get()));
    let theme = use_resolved_theme(
        Signal::derive(move || player.settings.with(|s| s.theme)),
        use_system_dark(),
    );
    effect(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.get());
        }
    });
    use_audio_reports(player);
    storage::remember_position(player);
    storage::remember_loop(player);
    use_shortcuts(player, &window(), true);
    use_deep_link(player);
    use_sentence_splitting(player);
    use_hearing(player);
    use_practice(player);
    use_media_session(player);
    let dragging = use_page_drop(player);

    let audio = NodeRef::<Audio>::new();
    let transcript = NodeRef::<Div>::new();
    let past_transcript = NodeRef::<Span>::new();
    use_follow(player, transcript);
    effect(move || {
        if let Some(el) = transcript.get() {
            use_quote_on_copy(player, &el);
        }
    });
    // The toolbar, the player bar and the overlays (closed at the start) are built each in a
    // task of its own after the rest: on a slow phone's CPU the app's mount is a few hundred
    // milliseconds the page cannot answer input in, and they are much of it. Until the toolbar
    // is there, the loading frame's bar keeps its place, so nothing moves if the first
    // transcript is shown before it.
    let toolbar = NodeRef::<Div>::new();
    let player_bar = NodeRef::<Div>::new();
    let overlays = NodeRef::<Div>::new();
    effect(move || {
        if let (Some(toolbar), Some(player_bar), Some(overlays)) =
            (toolbar.get(), player_bar.get(), overlays.get())
        {
            mount_later(player, toolbar.into(), Toolbar);
            mount_later(player, player_bar.into(), PlayerBar);
            mount_later(player, overlays.into(), move || {
                view! {
                    <PartSlot
                        wanted=player.help_open
                        what="The keyboard shortcuts"
                        mount=move |slot| mount_help(player, slot)
                    />
                    <DropOverlay dragging=dragging/>
                }
            });
        }
    });
    // Loading starts once the audio element exists, so `?audio=` has somewhere to go.
    effect(move || {
        if let Some(element) = audio.get() {
            player.clock.attach(element.into());
            loader::start(player);
        }
    });

    view! {
        <div class="app" data-reading=move || player.settings.with(|s| s.reading.to_string())>
            <div class="slot" node_ref=toolbar>
                // In the toolbar's place until it is mounted: the loading frame's bar, as high.
                <header class="toolbar placeholder">
                    <span class="brand">"interlinear"</span>
                </header>
            </div>
            <SkipTranscript past=past_transcript/>
            <div
                id="transcript"
                class="transcript"
                role="main"
                node_ref=transcript
                tabindex="-1"
                data-layout=move || player.shown_layout().name()
                data-veil-first=move || player.settings.with(|s| s.veil_first.as_str())
                data-veil-second=move || player.settings.with(|s| s.veil_second.as_str())
                data-veil-pinyin=move || player.settings.with(|s| s.veil_pinyin.as_str())
                data-size-latin=move || player.settings.with(|s| s.size_latin)
                data-size-cjk=move || player.settings.with(|s| s.size_cjk)
            >
                <DocHeader/>
                <DiagnosticsPanel/>
                <TranscriptView scroller=transcript/>
            </div>
            <span class="past-transcript" tabindex="-1" node_ref=past_transcript></span>
            // Before the notices, which move up above it while it shows (the stylesheet's `~`).
            <BackToCurrent/>
            // Over the foot of the transcript, above the player: at its top they would cover the
            // title of what was just loaded.
            <Notices/>
            <div class="slot" node_ref=player_bar></div>
            <audio id="audio" node_ref=audio preload="metadata"></audio>
            <div class="slot" node_ref=overlays></div>
        </div>
    }
}
