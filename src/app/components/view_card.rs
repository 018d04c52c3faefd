//! The View menu's card: how each language is shown (shown, blurred, blurred but the current
//! sentence, hidden), its text size, and reading mode — the learner's settings, remembered like
//! the others; and the transcript's times moved to be in step with its audio, as `[` and `]`
//! move them (for a mouse, and a phone without keys).

use leptos::prelude::*;

use crate::app::erased::handler;
use crate::app::mount_later;
use crate::app::parts::part;
use crate::app::state::{use_player, Player, Settings, Veil};
use crate::core::Lang;

/// Text sizes offered, in percent.
const SIZES: [u16; 6] = [85, 100, 115, 130, 150, 175];

#[component]
pub fn ViewCard() -> impl IntoView {
    let player = use_player();
    let settings = player.settings;
    let has_pinyin = move || {
        player.loaded.with(|loaded| {
            loaded
                .as_ref()
                .is_some_and(|l| l.doc.languages.contains(&Lang::Pinyin))
        })
    };
    let veil_choice = move |id: &'static str,
                            label: &'static str,
                            get: fn(&Settings) -> Veil,
                            set: fn(&mut Settings, Veil)| {
        let on_change = move |e| {
            if let Some(v) = Veil::from_name(&event_target_value(&e)) {
                settings.update(|s| set(s, v));
            }
        };
        view! {
            <label class="view-row">
                <span>{label}</span>
                <select id=id on:change=handler(on_change) prop:value=move || settings.with(|s| get(s).as_str())>
                    {Veil::ALL.map(|v| view! { <option value=v.as_str()>{v.label()}</option> })}
                </select>
            </label>
        }
    };
    let size_choice = move |id: &'static str,
                            label: &'static str,
                            get: fn(&Settings) -> u16,
                            set: fn(&mut Settings, u16)| {
        let on_change = move |e| {
            if let Ok(v) = event_target_value(&e).parse::<u16>() {
                settings.update(|s| set(s, v));
            }
        };
        view! {
            <label class="view-row">
                // Our own words, which may mark a language (below): not text from a file.
                <span inner_html=label></span>
                <select id=id on:change=handler(on_change) prop:value=move || settings.with(|s| get(s).to_string())>
                    {SIZES.map(|n| view! { <option value=n.to_string()>{format!("{n}%")}</option> })}
                </select>
            </label>
        }
    };
    let check_choice = move |id: &'static str,
                             label: &'static str,
                             get: fn(&Settings) -> bool,
                             set: fn(&mut Settings, bool)| {
        view! {
            <label class="view-row">
                <input
                    id=id
                    type="checkbox"
                    prop:checked=move || settings.with(get)
                    on:change=handler(move |e| settings.update(|s| set(s, event_target_checked(&e))))
                />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <div class="view-card">
            {veil_choice("veil-first", "Spoken language", |s| s.veil_first, |s, v| s.veil_first = v)}
            {veil_choice("veil-second", "Translation", |s| s.veil_second, |s, v| s.veil_second = v)}
            // Only for a transcript that has Pinyin (a Chinese lesson's). (Hidden rather than
            // left out: a view shown or not is kilobytes of code, an attribute a few bytes.)
            <div hidden=move || !has_pinyin()>
                {veil_choice("veil-pinyin", "Pinyin", |s| s.veil_pinyin, |s, v| s.veil_pinyin = v)}
            </div>
            {size_choice("size-latin", "Alphabetic text size", |s| s.size_latin, |s, v| s.size_latin = v)}
            // Each name in its own language: a screen reader read them in the English voice.
            // (Marked in the text itself: a view of three spans cost the menu's part 1.5 KB.)
            {size_choice(
                "size-cjk",
                r#"<span lang="zh">中文</span> <span lang="ja">日本語</span> <span lang="ko">한국어</span> text size"#,
                |s| s.size_cjk,
                |s, v| s.size_cjk = v,
            )}
            {check_choice("reading-mode", "Reading mode (hide the player; R)", |s| s.reading, |s, on| s.reading = on)}
            {check_choice("single-keys", "One-letter keys anywhere on the page", |s| s.single_keys, |s, on| s.single_keys = on)}
            {lines_timing(player)}
        </div>
    }
}

/// The lines' times moved to match the audio, as `[` and `]` move them, and how far they are
/// from the file's: "+30.5 s", "−2 s", "0 s". (The app's: the embed has no View menu.)
#[cfg(not(feature = "embed"))]
fn lines_timing(player: Player) -> impl IntoView {
    use crate::app::hooks::{keys::shift_seconds, loader::shift_times};

    let shift = move || {
        let shift = player.loaded.with(|l| l.as_ref().map_or(0, |l| l.shift));
        let sign = match shift {
            ..0 => "−",
            0 => "",
            _ => "+",
        };
        format!("{sign}{} s", shift_seconds(shift))
    };
    let move_lines = move |by: i64| {
        handler(move |_| {
            // The readout says where the lines are now: a figure a key said a moment ago goes.
            player.unsay();
            leptos::task::spawn_local(async move {
                shift_times(player, by).await;
            })
        })
    };
    view! {
        <div class="view-row" role="group" aria-labelledby="lines-timing">
            <span id="lines-timing">"Lines' times, to match the audio ([ ])"</span>
            <span class="lines-shift">
                // Named from the words shown (WCAG 2.5.3): speech input's "click minus half s"
                // found no button called "Half a second earlier".
                <button id="lines-earlier" aria-label="−½ s: half a second earlier" on:click=move_lines(-500)>"−½ s"</button>
                // Said as it changes (an output is a live region).
                <output id="lines-shift" aria-label=move || format!("{} from the file's times", shift())>{shift}</output>
                <button id="lines-later" aria-label="+½ s: half a second later" on:click=move_lines(500)>"+½ s"</button>
            </span>
        </div>
    }
}

#[cfg(feature = "embed")]
fn lines_timing(_: Player) {}

part! {
    view_card (app only):
    /// Mounts the card in `slot` (its code is a download of its own: `app::parts`).
    pub fn mount_view_card(player: Player, slot: web_sys::HtmlElement) {
        mount_later(player, slot, ViewCard);
    }
}
