//! The host page's audio player: found by the element's `audio` attribute (or as the page's only
//! `<audio>`) and followed for as long as the element lives — also when the page replaces the
//! player (a single-page app re-rendering it), takes it away, or adds it late.
//!
//! One `MutationObserver` on the host document notices. Its callback costs one `isConnected`
//! check while the followed element is on the page; it searches the page only when it is not.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlMediaElement;

use super::options::AudioSource;
use crate::app::state::{isolated, MessageKind, Player};

/// Follows the host's player that `audio` names (unless the element plays its own), and keeps
/// following it until the current owner is cleaned up.
pub fn follow_host_audio(player: Player, host: web_sys::HtmlElement, audio: AudioSource) {
    if matches!(audio, AudioSource::Own(_)) {
        return;
    }
    // Why no player was found, withdrawn if the page adds one later.
    let not_found = match find_host_media(&host, &audio) {
        Ok(Some(media)) => {
            player.clock.follow_host(media);
            None
        }
        Ok(None) => None,
        Err(reason) => Some(player.post(MessageKind::Error, reason)),
    };
    let Some(document) = host.owner_document() else {
        return;
    };
    let not_found = StoredValue::new(not_found);
    // Held weakly: the closure is kept until the owner's cleanup, which a strong hold here
    // would put off for ever (the element removed, its listeners kept calling in).
    let Some(owner) = Owner::current().map(|o| o.downgrade()) else {
        return;
    };
    let on_change = Closure::<dyn Fn()>::new(move || {
        let Some(owner) = owner.upgrade() else {
            return;
        };
        let followed = player.clock.element();
        if followed.as_ref().is_some_and(|m| m.is_connected()) {
            return;
        }
        let found = find_host_media(&host, &audio).ok().flatten();
        owner.with(|| match (followed, found) {
            (Some(_), Some(replacement)) => {
                player.clock.follow_host(replacement);
                player.say(
                    MessageKind::Info,
                    "The page replaced its audio player: the transcript follows the new one.",
                );
            }
            (Some(_), None) => {
                player.clock.stop_following();
                player.say(
                    MessageKind::Error,
                    "The page's audio player was taken away: the transcript stays, on its own clock.",
                );
            }
            (None, Some(late)) => {
                player.clock.follow_host(late);
                if let Some(id) = not_found.try_update_value(Option::take).flatten() {
                    player.withdraw(id);
                }
            }
            (None, None) => {}
        });
    });
    let Ok(observer) = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()) else {
        return;
    };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if observer.observe_with_options(&document, &options).is_err() {
        return;
    }
    let watching = SendWrapper::new((observer, on_change));
    on_cleanup(move || {
        let (observer, _on_change) = watching.take();
        observer.disconnect();
    });
}

/// The host page's media element `audio` points at; `Err` says why there is none.
fn find_host_media(
    host: &web_sys::HtmlElement,
    audio: &AudioSource,
) -> Result<Option<HtmlMediaElement>, String> {
    let document = host
        .owner_document()
        .ok_or("the element is not in a page")?;
    match audio {
        AudioSource::Own(_) => Ok(None),
        AudioSource::Selector(selector) => {
            let named = isolated(selector);
            let found = document
                .query_selector(selector)
                .map_err(|_| format!("audio=\"{named}\" is not a valid CSS selector"))?
                .ok_or_else(|| {
                    format!("No audio player matches audio=\"{named}\": the transcript cannot follow it")
                })?;
            let tag = found.tag_name().to_ascii_lowercase();
            found.dyn_into().map(Some).map_err(|_| {
                format!("audio=\"{named}\" names a <{tag}>, not an <audio> or <video> element")
            })
        }
        AudioSource::PageOnly => {
            let all = document
                .query_selector_all("audio")
                .map_err(|_| "the page's audio players could not be listed".to_owned())?;
            match all.length() {
                0 => Ok(None),
                1 => Ok(all.get(0).and_then(|n| n.dyn_into().ok())),
                n => Err(format!(
                    "The page has {n} audio players: name the one to follow with audio=\"#its-id\""
                )),
            }
        }
    }
}
