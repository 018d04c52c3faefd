//! The transcript as a host page embeds it: messages, the turns in their own scrolling box, and
//! — only when the element plays its own audio — a player bar. No toolbar, header or overlays:
//! the host page is the episode page and already has its title and its player.

use leptos::html::{Audio, Div, Span};
use leptos::prelude::*;

use crate::app::components::{
    back_to_current::BackToCurrent, notices::Notices, part_slot::PartSlot,
    player_bar::mount_player_bar, skip_transcript::SkipTranscript, transcript_view::TranscriptView,
};
use crate::app::erased::effect;
use crate::app::hooks::{
    audio_reports::use_audio_reports, follow::use_follow, hearing::use_hearing,
    keys::use_shortcuts, loader::play_along, practice::use_practice,
    splitting::use_sentence_splitting, theme::use_resolved_theme,
};
use crate::app::state::use_player;

/// - `height`: the transcript box's largest height (a CSS length checked by the options, or
///   `auto` to grow with the transcript).
/// - `own_audio`: the address of the audio to play with our own player bar (`audio-src`);
///   `None` when the host page's player leads, or there is none.
/// - `page_dark`: whether the host page is dark where the element stands, which the automatic
///   theme follows (read only here; see `use_system_dark` for why not a `Signal`).
#[component]
pub fn EmbeddedTranscript(
    #[prop(into)] height: Signal<String>,
    own_audio: Option<String>,
    page_dark: RwSignal<bool>,
) -> impl IntoView {
    let player = use_player();
    let theme = use_resolved_theme(
        Signal::derive(move || player.settings.with(|s| s.theme)),
        page_dark,
    );
    let root = NodeRef::<Div>::new();
    let transcript = NodeRef::<Div>::new();
    let past_transcript = NodeRef::<Span>::new();
    use_follow(player, transcript);
    use_audio_reports(player);
    use_sentence_splitting(player);
    use_hearing(player);
    use_practice(player);
    effect(move || {
        if let Some(root) = root.get() {
            use_shortcuts(player, &root, false);
        }
    });
    let label = move || {
        player.loaded.with(|l| match l {
            Some(l) => format!("Transcript: {}", l.doc.title.as_deref().unwrap_or(&l.name)),
            None => "Transcript".to_owned(),
        })
    };
    let max_height = move || {
        let h = height.get();
        (h != "auto").then_some(h)
    };
    let own_player = own_audio.map(|url| {
        let audio = NodeRef::<Audio>::new();
        effect(move || {
            if let Some(element) = audio.get() {
                player.clock.attach(element.into());
                play_along(player, &url);
            }
        });
        view! {
            <PartSlot
                wanted=Signal::stored(true)
                what="The player bar"
                mount=move |slot| mount_player_bar(player, slot)
            />
            <audio node_ref=audio preload="metadata"></audio>
        }
    });
    view! {
        <div class="interlinear embed" part="root" data-theme=move || theme.get() data-height=move || max_height().is_none().then_some("auto") node_ref=root>
            <SkipTranscript past=past_transcript/>
            <div
                class="transcript"
                part="transcript"
                role="region"
                aria-label=label
                tabindex="0"
                node_ref=transcript
                data-layout=move || player.shown_layout().name()
                style:max-height=max_height
            >
                <TranscriptView scroller=transcript/>
            </div>
            <span class="past-transcript" tabindex="-1" node_ref=past_transcript></span>
            <BackToCurrent/>
            // Over the transcript's top once one shows, in the box's flow before.
            <Notices/>
            {own_player}
        </div>
    }
}
