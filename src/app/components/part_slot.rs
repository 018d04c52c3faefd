//! The place of a part of the app that comes in a download of its own (`app::parts`): empty
//! until the part is first wanted, then filled by it.

use std::future::Future;

use leptos::html::Div;
use leptos::prelude::*;

use crate::app::erased::effect;
use crate::app::parts::{say_missing, PartMissing};
use crate::app::state::use_player;

/// Where a part's download stands.
#[derive(Clone, Copy, PartialEq)]
enum Fetch {
    /// Not asked for yet, or the last attempt failed (asking again tries again).
    NotYet,
    UnderWay,
    Done,
}

/// `wanted`: whether the part should show; it is fetched and mounted the first time this is true.
/// `what`: the part's name for the message shown if it cannot be fetched ("The View menu").
/// `mount`: the part's function (declared with `parts::part!`), given the slot to mount in.
#[component]
pub fn PartSlot<M, Fut>(
    #[prop(into)] wanted: Signal<bool>,
    what: &'static str,
    mount: M,
) -> impl IntoView
where
    M: Fn(web_sys::HtmlElement) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<(), PartMissing>> + 'static,
{
    let player = use_player();
    let slot = NodeRef::<Div>::new();
    let fetch = RwSignal::new(Fetch::NotYet);
    effect(move || {
        let (true, Some(slot)) = (wanted.get(), slot.get()) else {
            return;
        };
        if fetch.get_untracked() != Fetch::NotYet {
            return;
        }
        fetch.set(Fetch::UnderWay);
        leptos::task::spawn_local(async move {
            if mount(slot.into()).await.is_ok() {
                fetch.set(Fetch::Done);
            } else {
                fetch.set(Fetch::NotYet);
                say_missing(player, what);
            }
        });
    });
    // Busy while the part is fetched: the stylesheet says "Loading…" in a menu's card and shows
    // the progress cursor, for the moment a slow connection takes.
    let busy = move || (fetch.get() == Fetch::UnderWay).then_some("true");
    view! { <div class="slot" node_ref=slot aria-busy=busy></div> }
}
