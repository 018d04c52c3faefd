//! The clock: the one place time enters the UI.
//!
//! It is driven either by an `<audio>` element or, when there is no audio (or it fails), by an
//! internal clock, behind one interface (time, play/pause/seek/rate). Seconds exist only here, at
//! the audio element; the rest of the app sees `Millis`.
//!
//! Most frames change nothing anyone shows, so the clock *rations* its notices. Whoever knows
//! what depends on time (the player: turns, sentences, words) tells it how long the present will
//! stay as it is ([`Clock::ration_with`]); until then the time is written without waking anyone,
//! and at least every [`SLOWEST_NOTICE_MS`] it wakes them anyway (the time shown, the seek bar, an
//! embed's `timeupdate`). While playing it looks at the time every animation frame only near the
//! next change — from a timer set just before it — so a highlight is never late by more than a
//! frame, and the frames in between cost nothing.
//!
//! The element is either ours (the app's, an embed's own player bar) or the host page's
//! ([`Clock::follow_host`]). Ours takes our rate and starts where the transcript is; the host's is
//! the host's: we read its time, rate and source and move it only when the user asks us to.
//!
//! What the element does that the user should know about (it failed, ended, waits for data, the
//! host changed its source) is published as [`AudioReport`]s and [`Clock::waiting`]; the words
//! are `hooks::audio_reports`'s.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlMediaElement;

use crate::app::hooks::listen::listen;
use crate::app::hooks::pace::now;
use crate::core::Millis;

/// Notices are never further apart than this, on a grid of it (so every whole second is one):
/// what shows time without a boundary of its own (the time shown, the seek bar's thumb, an
/// embed's `timeupdate` event) moves at least this often.
pub const SLOWEST_NOTICE_MS: u64 = 250;

/// A planned look at the time comes this long before the quiet span ends (timers are late by a
/// few milliseconds, audio runs a little ahead of its reported rate); frames take over from there.
const LOOK_AHEAD_MS: f64 = 50.0;
const FRAME_MS: f64 = 1000.0 / 60.0;

/// How long the present stays as it is, from a time: the first later time at which something
/// shown may change (`None`: nothing but the grid).
type SteadyUntil = dyn Fn(Millis) -> Option<Millis> + Send + Sync;

/// What drives the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockMode {
    Audio,
    Internal,
}

impl ClockMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ClockMode::Audio => "audio",
            ClockMode::Internal => "internal",
        }
    }
}

/// Something the audio element did that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioReport {
    /// It stopped with an error (the reason in words). Our own audio hands over to the internal
    /// clock; the host's stays followed, since the host page may recover or change its source.
    Failed(&'static str),
    /// Its length is known: it can play (after a failure, the audio is back).
    Loaded,
    /// It played to its end (or, without audio, the clock of its own reached the transcript's).
    Ended,
    /// The host page changed the source of its element (to this address).
    SourceChanged(String),
}

/// A `Copy` handle to the clock's state.
#[derive(Clone, Copy)]
pub struct Clock {
    /// The current time: always exact when read untracked; those who track it are woken when it
    /// leaves the quiet span (see the module's documentation), not every frame.
    pub time: RwSignal<Millis>,
    /// The current time as clocks show it ("5:30"): what a display reads, so that it is
    /// formatted once a second, once for every display, rather than every frame.
    pub shown: Memo<String>,
    pub playing: RwSignal<bool>,
    pub rate: RwSignal<f64>,
    pub mode: RwSignal<ClockMode>,
    /// The last thing the audio did that the user should hear about (set anew each time).
    pub report: RwSignal<Option<AudioReport>>,
    /// Asked to play, the audio waits for data (a slow or stalled network).
    pub waiting: RwSignal<bool>,
    /// The address of the audio driving the clock (`None` on the internal clock).
    pub source: RwSignal<Option<String>>,
    /// Where the internal clock stops (the transcript's end).
    pub internal_end: RwSignal<Millis>,
    audio_duration: RwSignal<Option<Millis>>,
    audio: StoredValue<Option<HtmlMediaElement>, LocalStorage>,
    /// Owns the listeners on `audio`: cleaned up when the element is let go or replaced.
    listeners: StoredValue<Option<Owner>>,
    /// The element belongs to the host page: it leads, we follow.
    host_led: StoredValue<bool>,
    /// The internal clock's anchor: its time at `performance.now()` = the second field.
    anchor: StoredValue<(Millis, f64)>,
    /// The animation frame requested, if one is.
    pending_frame: StoredValue<Option<i32>>,
    /// Which planned look at the time is the current one (see `plan_next_look`).
    planned_look: StoredValue<u64>,
    /// The one callback every frame calls, made once: making one a frame cost more than the
    /// frame's work.
    on_frame: StoredValue<Option<Closure<dyn FnMut()>>, LocalStorage>,
    /// Where new audio of ours starts, from when it is set until it has loaded.
    start_new_audio_at: StoredValue<Option<Millis>>,
    /// Times in `[from, until)` change nothing shown: written to `time` without a notice.
    quiet: StoredValue<(Millis, Millis)>,
    /// What the player said about how long the present lasts ([`Clock::ration_with`]).
    steady_until: StoredValue<Option<std::sync::Arc<SteadyUntil>>>,
}

impl Clock {
    pub fn new(rate: f64) -> Clock {
        let time = RwSignal::new(Millis::ZERO);
        let pending_frame = StoredValue::new(None::<i32>);
        // A frame must not call the callback after it is gone with the player.
        on_cleanup(move || {
            if let Some(Some(id)) = pending_frame.try_get_value() {
                let _ = window().cancel_animation_frame(id);
            }
        });
        let second = Memo::new(move |_| Millis(time.get().0 / 1000 * 1000));
        Clock {
            time,
            shown: Memo::new(move |_| second.get().to_string()),
            playing: RwSignal::new(false),
            rate: RwSignal::new(rate),
            mode: RwSignal::new(ClockMode::Internal),
            report: RwSignal::new(None),
            waiting: RwSignal::new(false),
            source: RwSignal::new(None),
            internal_end: RwSignal::new(Millis::ZERO),
            audio_duration: RwSignal::new(None),
            audio: StoredValue::new_local(None),
            listeners: StoredValue::new(None),
            host_led: StoredValue::new(false),
            anchor: StoredValue::new((Millis::ZERO, 0.0)),
            pending_frame,
            planned_look: StoredValue::new(0),
            on_frame: StoredValue::new_local(None),
            start_new_audio_at: StoredValue::new(None),
            quiet: StoredValue::new((Millis::ZERO, Millis::ZERO)),
            steady_until: StoredValue::new(None),
        }
    }

    /// The audio's duration, when audio drives the clock and its length is known.
    pub fn audio_duration(&self) -> Option<Millis> {
        match self.mode.get() {
            ClockMode::Audio => self.audio_duration.get(),
            ClockMode::Internal => None,
        }
    }

    /// How long the timeline runs: the audio's length, or the transcript's.
    pub fn duration(&self) -> Millis {
        self.audio_duration()
            .unwrap_or_else(|| self.internal_end.get())
    }

    /// Binds the clock to our own `<audio>` element (once, when it is mounted).
    pub fn attach(self, audio: HtmlMediaElement) {
        self.bind(audio);
        self.apply_rate(self.rate.get_untracked());
    }

    /// Plays the element at `rate`. Ours keeps it through a new source, which resets an element
    /// to its default rate: else the `ratechange` of that reset, or of a rate set just before
    /// it (the remembered speed, as the page starts with `?audio=`), would come back as the
    /// reader's choice of 1×. The page's player keeps its own default.
    fn apply_rate(self, rate: f64) {
        let ours = !self.host_led.get_value();
        self.with_audio(|a| {
            if ours {
                a.set_default_playback_rate(rate);
            }
            a.set_playback_rate(rate);
        });
    }

    /// Follows the host page's media element: its time, rate, play state and source changes.
    /// Called again with another element (the host replaced its player), it follows that one.
    pub fn follow_host(self, media: HtmlMediaElement) {
        self.host_led.set_value(true);
        self.bind(media.clone());
        self.mode.set(ClockMode::Audio);
        self.waiting.set(false);
        self.source
            .set(Some(media.current_src()).filter(|s| !s.is_empty()));
        self.on_duration();
        self.on_rate();
        self.sync_from_audio();
        if media.paused() {
            self.playing.set(false);
        } else {
            self.on_play();
        }
        // Failed before it was followed (its 404 came before our script ran): said as a failure
        // after is, not left as silence beside a clock that moves on a click.
        if media.error().is_some() {
            self.on_error();
        }
    }

    /// Lets go of the host page's element (it was taken off the page): the internal clock goes
    /// on from the same time.
    pub fn stop_following(self) {
        self.unbind();
        self.host_led.set_value(false);
        self.audio_duration.set(None);
        self.use_internal();
    }

    /// The element the clock reads, if any.
    pub fn element(&self) -> Option<HtmlMediaElement> {
        self.audio.get_value()
    }

    /// Whether the host page's element leads (so loading a transcript must not pause or move it).
    pub fn is_host_led(&self) -> bool {
        self.host_led.get_value()
    }

    fn bind(self, media: HtmlMediaElement) {
        self.unbind();
        let listeners = Owner::new();
        listeners.with(|| self.listen_to(&media));
        self.listeners.set_value(Some(listeners));
        self.audio.set_value(Some(media));
    }

    fn unbind(self) {
        if let Some(listeners) = self.listeners.try_update_value(Option::take).flatten() {
            listeners.cleanup();
        }
        self.audio.set_value(None);
        self.waiting.set(false);
    }

    fn listen_to(self, media: &HtmlMediaElement) {
        for (event, handler) in [
            ("play", Self::on_play as fn(Clock)),
            ("playing", Self::on_flowing),
            ("waiting", Self::on_waiting),
            ("pause", Self::on_pause),
            ("ended", Self::on_ended),
            ("timeupdate", Self::sync_from_audio),
            ("seeked", Self::on_seeked),
            ("ratechange", Self::on_rate),
            ("durationchange", Self::on_duration),
            ("loadedmetadata", Self::on_metadata),
            ("emptied", Self::on_emptied),
            ("error", Self::on_error),
        ] {
            listen(media, event, true, move |_: web_sys::Event| handler(self));
        }
    }

    /// Makes `url` the audio; the clock follows it from now on.
    pub fn set_audio_source(&self, url: &str) {
        // Until the new audio has loaded, the element's time (the old source's, or the new one's
        // 0) is not the transcript's: where the new audio starts is kept here.
        self.start_new_audio_at
            .set_value(Some(self.time.get_untracked()));
        self.pause();
        self.audio_duration.set(None);
        self.mode.set(ClockMode::Audio);
        self.with_audio(|a| a.set_src(url));
        self.source.set(Some(url.to_owned()));
    }

    /// Drops the audio (it failed, or there is none): the internal clock takes over at the same time.
    pub fn use_internal(&self) {
        self.playing.set(false);
        self.mode.set(ClockMode::Internal);
        self.source.set(None);
        self.anchor.set_value((self.time.get_untracked(), now()));
    }

    pub fn play(&self) {
        match self.mode.get_untracked() {
            ClockMode::Audio => self.with_audio(|a| {
                if let Ok(promise) = a.play() {
                    // A refused play() (no user gesture, no source) surfaces as an error event or
                    // simply leaves the clock paused; the rejection itself needs no handling.
                    leptos::task::spawn_local(async move {
                        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                    });
                }
            }),
            ClockMode::Internal => {
                let mut start = self.time.get_untracked();
                if start >= self.internal_end.get_untracked() {
                    start = Millis::ZERO; // at the end, play starts over
                    self.set_time(start);
                }
                self.anchor.set_value((start, now()));
                self.playing.set(true);
                self.schedule_frame();
            }
        }
    }

    pub fn pause(&self) {
        match self.mode.get_untracked() {
            ClockMode::Audio => self.with_audio(|a| {
                let _ = a.pause();
            }),
            ClockMode::Internal => {
                self.tick();
                self.playing.set(false);
            }
        }
    }

    /// Whether it was asked to play: the element's own state, not our copy of it, which waits
    /// for the element's `play` or `pause` event.
    pub fn is_playing_asked(&self) -> bool {
        match self.mode.get_untracked() {
            ClockMode::Audio => self
                .audio
                .with_value(|a| a.as_ref().is_some_and(|a| !a.paused())),
            ClockMode::Internal => self.playing.get_untracked(),
        }
    }

    pub fn toggle(&self) {
        // A second press may come before the `play`/`pause` event of the first.
        if self.is_playing_asked() {
            self.pause()
        } else {
            self.play()
        }
    }

    /// Moves to `t`, clamped to the timeline.
    pub fn seek(&self, t: Millis) {
        let end = self.duration_untracked();
        let t = if end > Millis::ZERO { t.min(end) } else { t };
        match self.mode.get_untracked() {
            ClockMode::Audio => self.with_audio(|a| a.set_current_time(t.as_secs_f64())),
            ClockMode::Internal => self.anchor.set_value((t, now())),
        }
        // New audio still loading starts here now.
        self.start_new_audio_at.update_value(|start| {
            if start.is_some() {
                *start = Some(t);
            }
        });
        self.set_time(t);
        self.look_soon();
    }

    /// Moves by `delta_ms` (negative for back).
    pub fn skip(&self, delta_ms: i64) {
        let now = self.time.get_untracked().0 as i64;
        self.seek(Millis(now.saturating_add(delta_ms).max(0) as u64));
    }

    pub fn set_rate(&self, rate: f64) {
        let rate = rate.clamp(0.25, 4.0);
        if self.mode.get_untracked() == ClockMode::Internal {
            self.tick();
            self.anchor.set_value((self.time.get_untracked(), now()));
        }
        // The element too without audio yet: audio given later plays at it.
        self.apply_rate(rate);
        self.rate.set(rate);
        self.look_soon();
    }

    /// While playing, the next look at the time is the next frame (the time jumped, or runs at
    /// another rate: a look planned for later could come after a change).
    fn look_soon(self) {
        if self.playing.get_untracked() {
            self.schedule_frame();
        }
    }

    fn duration_untracked(&self) -> Millis {
        untrack(|| self.duration())
    }

    fn with_audio(&self, f: impl FnOnce(&HtmlMediaElement)) {
        self.audio.with_value(|a| {
            if let Some(a) = a {
                f(a)
            }
        });
    }

    /// Tells the clock how long the present stays as it is from a time (see the module's
    /// documentation). What it answers must hold for the data it answers from: when that
    /// changes, call [`Clock::reconsider`].
    pub fn ration_with(
        &self,
        steady_until: impl Fn(Millis) -> Option<Millis> + Send + Sync + 'static,
    ) {
        self.steady_until
            .set_value(Some(std::sync::Arc::new(steady_until)));
        self.reconsider();
    }

    /// Forgets the quiet span: the next time written is noticed (what it was computed from has
    /// changed).
    pub fn reconsider(&self) {
        self.quiet.set_value((Millis::ZERO, Millis::ZERO));
    }

    fn set_time(&self, t: Millis) {
        if self.time.get_untracked() == t {
            return;
        }
        let (from, until) = self.quiet.get_value();
        if from <= t && t < until {
            self.time.update_untracked(|time| *time = t);
            return;
        }
        self.time.set(t);
        let grid = Millis((t.0 / SLOWEST_NOTICE_MS + 1) * SLOWEST_NOTICE_MS);
        let steady = self
            .steady_until
            .with_value(|f| f.as_ref().and_then(|f| f(t)))
            .map_or(grid, |until| until.min(grid));
        self.quiet.set_value((t, steady));
    }

    /// Samples the time now: from the audio element, or the internal clock's anchor and rate.
    fn tick(&self) {
        match self.mode.get_untracked() {
            ClockMode::Audio => self.sync_from_audio(),
            ClockMode::Internal => {
                if !self.playing.get_untracked() {
                    return;
                }
                let (at, since) = self.anchor.get_value();
                let elapsed = ((now() - since) * self.rate.get_untracked()).max(0.0);
                let t = Millis(at.0 + elapsed as u64);
                let end = self.internal_end.get_untracked();
                if t >= end {
                    self.set_time(end);
                    self.playing.set(false);
                    self.report.set(Some(AudioReport::Ended));
                } else {
                    self.set_time(t);
                }
            }
        }
    }

    /// Looks at the time at the next frame (a look planned for later is dropped).
    fn schedule_frame(self) {
        self.planned_look.update_value(|plan| *plan += 1);
        if self.pending_frame.get_value().is_some() {
            return;
        }
        let id = self
            .on_frame
            .try_update_value(|callback| {
                let callback =
                    callback.get_or_insert_with(|| Closure::new(move || self.frame_due()));
                window()
                    .request_animation_frame(callback.as_ref().unchecked_ref())
                    .ok()
            })
            .flatten();
        self.pending_frame.set_value(id);
    }

    fn frame_due(self) {
        // Taken off the page since (an embed removed by its host)? Its cleanup cancels the
        // frame; this is the second line of defence.
        if self.pending_frame.try_set_value(None).is_some() {
            return;
        }
        if self.playing.try_get_untracked() == Some(true) {
            self.tick();
            self.plan_next_look();
        }
    }

    /// After a frame: the next look is the next frame when the quiet span ends soon, else a timer
    /// set shortly before it ends — most frames of a sentence then cost nothing. A seek, a new
    /// rate or the audio's own news brings the next look forward to the next frame.
    fn plan_next_look(self) {
        let (_, until) = self.quiet.get_value();
        let now = self.time.get_untracked();
        let rate = self.rate.get_untracked().max(0.25);
        let wait_ms = until.0.saturating_sub(now.0) as f64 / rate - LOOK_AHEAD_MS;
        if wait_ms < 2.0 * FRAME_MS {
            return self.schedule_frame();
        }
        let plan = self.planned_look.get_value() + 1;
        self.planned_look.set_value(plan);
        set_timeout(
            move || {
                let current = self.planned_look.try_get_value() == Some(plan);
                if current && self.playing.try_get_untracked() == Some(true) {
                    self.schedule_frame();
                }
            },
            std::time::Duration::from_millis(wait_ms as u64),
        );
    }

    fn on_play(self) {
        if self.mode.get_untracked() == ClockMode::Audio {
            self.playing.set(true);
            self.schedule_frame();
        }
    }

    fn on_pause(self) {
        if self.mode.get_untracked() == ClockMode::Audio {
            self.playing.set(false);
            self.waiting.set(false);
            self.sync_from_audio();
        }
    }

    fn on_ended(self) {
        if self.mode.get_untracked() == ClockMode::Audio {
            self.on_pause();
            self.report.set(Some(AudioReport::Ended));
        }
    }

    /// Playback stopped for want of data; `playing` says when it flows again.
    fn on_waiting(self) {
        let asked_to_play = self
            .audio
            .with_value(|a| a.as_ref().is_some_and(|a| !a.paused()));
        if asked_to_play && !self.waiting.get_untracked() {
            self.waiting.set(true);
        }
    }

    fn on_flowing(self) {
        if self.waiting.get_untracked() {
            self.waiting.set(false);
        }
    }

    fn sync_from_audio(self) {
        let loading_ours = self.start_new_audio_at.with_value(Option::is_some);
        if self.mode.get_untracked() != ClockMode::Audio || loading_ours {
            return;
        }
        // An element with nothing loaded (the host swapping its source) has no time to tell:
        // its 0 would move the transcript there and back. (New audio of ours is kept out by
        // `start_new_audio_at` above, until it has loaded.)
        if let Some(t) = self.audio.with_value(|a| {
            a.as_ref()
                .filter(|a| a.ready_state() > web_sys::HtmlMediaElement::HAVE_NOTHING)
                .and_then(|a| Millis::from_secs_f64(a.current_time()))
        }) {
            self.set_time(t);
        }
    }

    fn on_seeked(self) {
        self.sync_from_audio();
        self.look_soon();
    }

    fn on_rate(self) {
        if let Some(rate) = self
            .audio
            .with_value(|a| a.as_ref().map(|a| a.playback_rate()))
        {
            if self.mode.get_untracked() == ClockMode::Audio
                && (self.rate.get_untracked() - rate).abs() > 1e-6
            {
                self.rate.set(rate);
                self.look_soon();
            }
        }
    }

    fn on_duration(self) {
        let duration = self
            .audio
            .with_value(|a| a.as_ref().and_then(|a| Millis::from_secs_f64(a.duration())));
        if duration.is_some() && self.audio_duration.get_untracked() != duration {
            self.audio_duration.set(duration);
            self.report.set(Some(AudioReport::Loaded));
        }
    }

    /// New audio of ours starts where the transcript is (a transcript read first, audio dropped
    /// second); the host's starts where the host put it.
    fn on_metadata(self) {
        self.on_duration();
        if self.host_led.get_value() {
            let source = self
                .audio
                .with_value(|a| a.as_ref().map(|a| a.current_src()))
                .filter(|s| !s.is_empty());
            let before = self.source.get_untracked();
            if before != source {
                self.source.set(source.clone());
                // A first source (a page setting its player up late) is no news; a new one is.
                if let (Some(_), Some(now)) = (before, source) {
                    self.report.set(Some(AudioReport::SourceChanged(now)));
                }
            }
            self.sync_from_audio();
            return;
        }
        let t = self
            .start_new_audio_at
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| self.time.get_untracked());
        if t > Millis::ZERO {
            self.with_audio(|a| a.set_current_time(t.as_secs_f64()));
        }
    }

    /// The source was removed or swapped (a host page moving to another episode): the old length
    /// no longer holds (the new time is read once the new source has loaded).
    fn on_emptied(self) {
        self.audio_duration.set(None);
        self.waiting.set(false);
        // A new source pauses the page's player without a `pause` event: the element went on
        // saying it played (its `timeupdate` events' `paused: false`). (Our own audio, swapped
        // by us, is played again by us.)
        let paused = self
            .audio
            .with_value(|a| a.as_ref().is_some_and(|a| a.paused()));
        if self.host_led.get_value() && self.playing.get_untracked() && paused {
            self.on_pause();
        }
    }

    fn on_error(self) {
        if self.mode.get_untracked() != ClockMode::Audio {
            return;
        }
        let reason = media_error_reason(self.audio.with_value(|a| a.as_ref()?.error()));
        self.waiting.set(false);
        self.start_new_audio_at.set_value(None);
        if self.host_led.get_value() {
            self.playing.set(false);
        } else {
            self.use_internal();
        }
        self.report.set(Some(AudioReport::Failed(reason)));
    }
}

/// What went wrong with a media element, in words.
pub fn media_error_reason(error: Option<web_sys::MediaError>) -> &'static str {
    match error.map(|e| e.code()) {
        Some(web_sys::MediaError::MEDIA_ERR_NETWORK) => "a network error stopped it",
        Some(web_sys::MediaError::MEDIA_ERR_DECODE) => "it could not be decoded",
        Some(web_sys::MediaError::MEDIA_ERR_SRC_NOT_SUPPORTED) => {
            "it could not be loaded, or its format is not supported"
        }
        _ => "it could not be played",
    }
}
