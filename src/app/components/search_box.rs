//! Search over both languages: a box, the count of hits, previous and next. Enter goes to the
//! current hit — scrolls there and seeks to the sentence it is in — and on to the next.

use std::sync::{Arc, Weak};

use leptos::prelude::*;

use crate::app::erased::{effect, handler};
use crate::app::hooks::follow::go_to;
use crate::app::hooks::highlight::paint;
use crate::app::hooks::keys::focus_in_place;
use crate::app::hooks::search_index::SearchIndexes;
use crate::app::state::{grouped, use_player, Player, Search};
use crate::core::search::Hit;
use crate::core::Millis;

/// At most this many hits are found (and counted: "10000+").
const MAX_HITS: usize = 10_000;

/// The key code browsers give a key pressed for an input method.
const IME_KEY_CODE: u32 = 229;

#[component]
pub fn SearchBox() -> impl IntoView {
    let player = use_player();
    // Whether Enter has already gone to the current hit (so the next Enter moves on).
    let gone_to = StoredValue::new(false);
    let indexes = SearchIndexes::default();
    // Only what the reader sees is searched: a language the layout leaves out or the veil hides
    // would give hits that show nothing.
    let seen = Memo::new(move |_| player.languages_seen());
    let run = move |query: String| {
        let seen = seen.get_untracked();
        let index = indexes.now(player);
        let (hits, found_in) = player.loaded.with_untracked(|l| {
            let (Some(index), Some(l)) = (index, l) else {
                return Default::default();
            };
            let turns = &l.doc.turns;
            let hits = index.find(&query, MAX_HITS, |hit| {
                seen.contains(&turns[hit.turn].blocks[hit.block].lang)
            });
            (hits, Arc::downgrade(l))
        });
        // Start from the first hit at or after the turn being said.
        let here = player.active.get_untracked().unwrap_or(0);
        let current =
            (!hits.is_empty()).then(|| hits.iter().position(|h| h.turn >= here).unwrap_or(0));
        player.search.set(Search {
            query,
            found_in,
            hits: Arc::new(hits),
            current,
        });
    };
    // Once an index is ready: the query there is, if any, found again in it.
    let search_again = move || {
        let query = player.search.with_untracked(|s| s.query.clone());
        if !query.is_empty() {
            run(query);
        }
    };
    // A new transcript: the old hits mean nothing; the query is run again on it once its index
    // is built (in slices, not in the task that shows it).
    effect(move || {
        player.loaded.track();
        if player.search.with_untracked(|s| s.query.is_empty()) {
            // The last one's index would only hold memory (as much as its text).
            indexes.forget();
            return;
        }
        player.search.update(|s| {
            s.found_in = Weak::new();
            s.hits = Arc::default();
            s.current = None;
        });
        indexes.prepare(player, search_again);
    });
    // Another layout or veil on the same transcript: the query is searched again in what is
    // seen now. (A new transcript's search waits for its index, above.)
    let searched_in = StoredValue::new(None::<usize>);
    effect(move || {
        seen.track();
        let shown = player
            .loaded
            .with_untracked(|l| l.as_ref().map(|l| Arc::as_ptr(l) as usize));
        if searched_in.get_value() == shown {
            search_again();
        }
        searched_in.set_value(shown);
    });
    // Paint the hits once the rows show them.
    effect(move || {
        let search = player.search.get();
        let rows = player.rows.range.get();
        request_animation_frame(move || {
            let Some(root) = document().get_element_by_id("transcript") else {
                return;
            };
            player.loaded.with_untracked(|loaded| {
                if let Some(l) = loaded {
                    paint(&root, &l.doc, search.hits_in(loaded), search.current, rows);
                }
            });
        });
    });
    let step = move |by: isize| {
        player.search.update(|s| {
            let n = s.hits.len() as isize;
            if n > 0 {
                let at = s.current.map_or(0, |c| (c as isize + by).rem_euclid(n));
                s.current = Some(at as usize);
            }
        });
        go_to_current(player, gone_to);
    };
    // What had the focus before the box, given back on Escape.
    let focused_before = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let on_key = move |e: leptos::ev::KeyboardEvent| match e.key().as_str() {
        // An input method's: Enter picks a candidate and Escape drops the composition
        // (Safari sends them just after the composition ends, as key code 229).
        _ if e.is_composing() || e.key_code() == IME_KEY_CODE => {}
        "Enter" => {
            e.prevent_default();
            // The first Enter goes to the current hit, the next ones move on.
            let moved = player.search.with_untracked(|s| s.current.is_some());
            if moved && e.shift_key() {
                step(-1);
            } else if gone_to.get_value() {
                step(1);
            } else {
                go_to_current(player, gone_to);
            }
        }
        "Escape" => {
            let found = match gone_to.get_value() {
                true => current_hit(player).map(|hit| hit.turn),
                false => None,
            };
            run(String::new());
            if let Some(input) = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            {
                input.set_value("");
                // To the turn of the match gone to, in view, as a browser's find leaves the focus
                // on what it found: given back where it was before, screens away, the next Tab
                // or ↓ took the reader there. Else back where the focus was (a turn, `/`
                // pressed on it), without scrolling; else nowhere in particular.
                match (
                    found,
                    focused_before.get_value().filter(|e| e.is_connected()),
                ) {
                    (Some(turn), _) => player.rows.focus_when_rendered(turn, 2),
                    (None, Some(before)) => focus_in_place(&before),
                    (None, None) => {
                        let _ = input.blur();
                    }
                }
            }
        }
        _ => {}
    };
    // While an input method composes (pinyin on its way to 新闻), the box holds the letters typed,
    // not the text meant: it is searched once the composition is committed.
    let on_input = move |e: leptos::ev::Event| {
        gone_to.set_value(false);
        let composing = wasm_bindgen::JsCast::dyn_ref::<web_sys::InputEvent>(&e)
            .is_some_and(|e| e.is_composing());
        if !composing {
            run(event_target_value(&e));
        }
    };
    let count = move || player.search.with(|s| count_text(s, false));
    // With where the match is: a screen reader's user hears which turn Enter went to.
    let count_said = move || {
        player.search.with(|s| {
            let mut said = count_text(s, true);
            player.loaded.with(|loaded| {
                let hit = s.current.and_then(|c| s.hits_in(loaded).get(c));
                if let (Some(hit), Some(loaded)) = (hit, loaded) {
                    let turn = &loaded.doc.turns[hit.turn];
                    if let Some(name) = loaded.doc.speaker_name(turn) {
                        said.push_str(", ");
                        said.push_str(name);
                    }
                    if let Some(at) = player.turn_start(hit.turn) {
                        said.push_str(&format!(" at {at}"));
                    }
                }
            });
            said
        })
    };
    let one_language = move || seen.with(|seen| seen.len() == 1);
    view! {
        // Whether it holds a query, for the stylesheet: a narrow window shows an empty box,
        // unfocused, as a magnifier.
        <div class="search" role="search" data-empty=move || player.search.with(|s| s.query.is_empty())>
            <input
                id="search"
                type="search"
                placeholder=move || if one_language() { "Search the transcript" } else { "Search both languages" }
                aria-label=move || if one_language() { "Search the transcript" } else { "Search the transcript, in both languages" }
                autocomplete="off"
                aria-describedby="search-said"
                on:input=handler(on_input)
                on:compositionend=handler(move |e: leptos::ev::CompositionEvent| run(event_target_value(&e)))
                on:keydown=handler(on_key)
                // Whoever focuses the box is about to type: the index is built meanwhile.
                on:focus=handler(move |e: leptos::ev::FocusEvent| {
                    let before = e.related_target().and_then(|t| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok()
                    });
                    focused_before.set_value(before);
                    indexes.prepare(player, search_again)
                })
            />
            // Said in words: a screen reader reads "3 / 50" as "3 slash 50".
            <span id="search-count" class="search-count" aria-hidden="true">{count}</span>
            <span id="search-said" class="visually-hidden" aria-live="polite">{count_said}</span>
            // Named by their titles, their arrows unread: with a label too, a screen reader said
            // "Next match" twice (as the name, then in the title, as the description).
            <button id="search-previous" class="icon" title="Previous match (Shift+Enter)" on:click=handler(move |_| step(-1))><span aria-hidden="true">"↑"</span></button>
            <button id="search-next" class="icon" title="Next match (Enter)" on:click=handler(move |_| step(1))><span aria-hidden="true">"↓"</span></button>
        </div>
    }
}

/// The count of hits as shown ("3 / 50"), or as `said` ("match 3 of 50").
fn count_text(s: &Search, said: bool) -> String {
    let n = s.hits.len();
    let total = match n {
        n if n >= MAX_HITS => format!("{}+", grouped(MAX_HITS)),
        n => grouped(n),
    };
    match (s.query.trim().is_empty(), n, s.current, said) {
        (true, ..) => String::new(),
        (false, 0, ..) => "no match".to_owned(),
        (false, _, Some(c), false) => format!("{} / {total}", grouped(c + 1)),
        (false, _, Some(c), true) => format!("match {} of {total}", grouped(c + 1)),
        (false, 1, None, true) => "1 match".to_owned(),
        (false, _, None, true) => format!("{total} matches"),
        (false, _, None, false) => total,
    }
}

/// The hit the count stands at, if any.
fn current_hit(player: Player) -> Option<Hit> {
    player.search.with_untracked(|s| {
        let at = s.current?;
        player
            .loaded
            .with_untracked(|l| s.hits_in(l).get(at).cloned())
    })
}

/// Scrolls to the current hit and seeks to the start of the sentence it is in.
fn go_to_current(player: Player, gone_to: StoredValue<bool>) {
    gone_to.set_value(true);
    let Some(hit) = current_hit(player) else {
        return;
    };
    go_to(player, hit.turn, sentence_start(player, &hit));
}

/// Where the sentence holding `hit` starts (the turn's start if it is in no sentence).
fn sentence_start(player: Player, hit: &Hit) -> Millis {
    let turn_start = player.turn_start(hit.turn).unwrap_or_default();
    player.sentences.with_untracked(|s| {
        let turn = s.as_ref().and_then(|s| s.turns.get(hit.turn));
        turn.and_then(|t| {
            let sentence = t.sentences.iter().find(|x| {
                x.block == hit.block
                    && x.paragraph == hit.paragraph
                    && x.range.start <= hit.range.start
                    && hit.range.start < x.range.end.max(x.range.start + 1)
            })?;
            t.groups.get(sentence.group).map(|g| g.start)
        })
        .unwrap_or(turn_start)
    })
}
