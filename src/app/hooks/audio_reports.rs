//! What the audio did, in words: it failed, it ended, it waits for the network, the host page
//! changed it. One place for these messages, for the app and for every embed.

use leptos::prelude::*;

use crate::app::erased::effect;
use crate::app::hooks::clock::{AudioReport, ClockMode};
use crate::app::hooks::loader::name_in;
use crate::app::state::{isolated, MessageKind, Player};
use crate::core::Millis;

/// Waiting shorter than this is not worth a message (a seek, a moment of buffering).
const WAIT_BEFORE_SAYING: std::time::Duration = std::time::Duration::from_millis(1200);

/// How much later than the audio's end the transcript's last turn may start before the two are
/// said not to go together (a transcript's last turn may be timed a little past a trimmed end).
const SHORTER_THAN_SAID: Millis = Millis(30_000);

/// Turns the clock's reports into messages, for as long as the current owner lives.
pub fn use_audio_reports(player: Player) {
    let clock = player.clock;
    let failure = StoredValue::new(None::<u32>);
    let ended = StoredValue::new(None::<u32>);
    effect(move || {
        let Some(report) = clock.report.get() else {
            return;
        };
        let host = clock.is_host_led();
        match report {
            AudioReport::Failed(reason) => {
                let text = if host {
                    format!("The page's audio failed: {reason}. The transcript follows it again once it plays.")
                } else {
                    format!(
                        "The audio failed: {reason}. The transcript goes on with its own clock."
                    )
                };
                failure.set_value(Some(player.post(MessageKind::Error, text)));
            }
            // A failure is said until audio plays again (a new source of ours, the host's
            // source fixed or changed).
            AudioReport::Loaded => {
                if let Some(id) = failure.try_update_value(Option::take).flatten() {
                    player.withdraw(id);
                }
            }
            // Unless practice goes round and plays on (a loop or a repeat of the last turn),
            // which it has by the next task.
            AudioReport::Ended => set_timeout(
                move || {
                    if !clock.is_playing_asked() {
                        let last = player.last_start();
                        let text = match (clock.mode.get_untracked(), clock.audio_duration()) {
                            // Without audio, the transcript's own clock reached its end.
                            (ClockMode::Internal, _) => {
                                "The transcript ended. Choose any line to read on from there."
                                    .to_owned()
                            }
                            // Audio shorter than the transcript may be another episode's
                            // (unless the app said so when its length became known).
                            (_, Some(audio))
                                if audio < last
                                    && (cfg!(feature = "embed")
                                        || last <= audio.later_by(SHORTER_THAN_SAID)) =>
                            {
                                format!(
                                "The audio ended at {audio}, before the transcript does ({last}): is it this transcript's audio?"
                            )
                            }
                            _ => "The audio ended. Choose any line to hear it again.".to_owned(),
                        };
                        ended.set_value(Some(player.post(MessageKind::Info, text)));
                    }
                },
                std::time::Duration::ZERO,
            ),
            AudioReport::SourceChanged(url) => {
                player.say(
                    MessageKind::Info,
                    format!(
                        "The page's audio changed to {}: the transcript follows it.",
                        isolated(name_in(&url))
                    ),
                );
            }
        }
    });
    // Audio far shorter than its transcript (a trailer, another episode dropped beside it) is
    // said as soon as its length is known, not only when it runs out: the turns after its end
    // cannot be heard. In the app only: an embed's audio is its page's choice, which a visitor
    // cannot change (and a host page's player is not ours to doubt).
    #[cfg(not(feature = "embed"))]
    let too_short = StoredValue::new(None::<u32>);
    #[cfg(not(feature = "embed"))]
    effect(move || {
        player.timeline.track();
        let text = clock.audio_duration().and_then(|audio| {
            let last = player.last_start();
            (last > audio.later_by(SHORTER_THAN_SAID)).then(|| {
                format!("The audio is {audio} long, but the transcript runs to {last}: is it this transcript's audio?")
            })
        });
        // (Asked of the messages shown, not kept beside its id: a stored value of another type
        // is a kilobyte of the app's code.)
        let shown = |id: u32| {
            player.messages.with_untracked(|m| {
                m.iter()
                    .any(|m| m.id == id && Some(&m.text) == text.as_ref())
            })
        };
        if too_short.get_value().is_some_and(shown) {
            return;
        }
        if let Some(id) = too_short.try_update_value(Option::take).flatten() {
            player.withdraw(id);
        }
        if let Some(text) = text {
            too_short.set_value(Some(player.post(MessageKind::Info, text)));
        }
    });
    // That it ended is no news once it plays again (a line chosen, the play button).
    effect(move || {
        if clock.playing.get() {
            if let Some(id) = ended.try_update_value(Option::take).flatten() {
                player.withdraw(id);
            }
        }
    });
    // Waiting is said once it has lasted a moment, and withdrawn when the audio flows again.
    let waiting_message = StoredValue::new(None::<u32>);
    effect(move || {
        if clock.waiting.get() {
            set_timeout(
                move || {
                    // (Both `None` once the player is gone.)
                    let still = clock.waiting.try_get_untracked() == Some(true);
                    let unsaid = waiting_message.try_with_value(Option::is_none) == Some(true);
                    if still && unsaid {
                        let id = player.post(
                            MessageKind::Status,
                            "Waiting for the audio: the network is slow or has stopped…",
                        );
                        waiting_message.set_value(Some(id));
                    }
                },
                WAIT_BEFORE_SAYING,
            );
        } else if let Some(id) = waiting_message.try_update_value(Option::take).flatten() {
            player.withdraw(id);
        }
    });
}
