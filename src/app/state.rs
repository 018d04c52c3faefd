//! The app's one shared context: what is loaded, the clock, the settings and the messages.
//!
//! Components read it with `use_player()`. Everything in it is a `Copy` handle to reactive state,
//! so passing it around costs nothing and a change reaches only the views that read that piece.

use std::sync::{Arc, Weak};

use leptos::prelude::*;

use crate::app::hooks::clock::Clock;
use crate::app::hooks::row_window::RowWindow;
use crate::core::decimal;
use crate::core::json::{Reader, Writer};
use crate::core::row_heights::BlockWeights;
use crate::core::sentence_timeline::SentenceTimeline;
use crate::core::{Document, Lang, Millis, Pause, SpeakingTimes, Timeline};

/// A transcript that has been read, with what identifies it.
#[derive(Debug, PartialEq)]
pub struct Loaded {
    pub doc: Document,
    /// Where it came from, for messages ("episode-12.md").
    pub name: String,
    /// A hash of its content: the key under which the reading position is remembered.
    pub key: u64,
    /// How long each turn takes to say: worked out once, while it is read (reading all of its
    /// text takes a long transcript a while), so each timeline of it is quick to build.
    pub speaking: SpeakingTimes,
    /// Its blocks' weights, which its rows' heights are estimated from: worked out once, while it
    /// is read, for the same reason.
    pub weights: BlockWeights,
    /// Its timeline for the audio length known when it was read (`None`: no audio), built before
    /// it is shown rather than in the task that shows it.
    pub first_timeline: (Option<Millis>, Arc<Timeline>),
    /// How far its times were moved from the file's, in milliseconds (the listener's choice, to
    /// put it in step with its audio).
    pub shift: i64,
}

impl Loaded {
    /// Whether this is the transcript `weak` points at (a weak handle kept by what was made of
    /// it: search hits, a search index).
    pub fn is(self: &Arc<Self>, weak: &Weak<Self>) -> bool {
        std::ptr::eq(weak.as_ptr(), Arc::as_ptr(self))
    }

    /// What it is called: its title, or where it came from where it has none (of files joined,
    /// what their names share: `film` of `film.en.srt + film.zh.srt`, not both whole).
    pub fn title(&self) -> String {
        match &self.doc.title {
            Some(title) => title.clone(),
            // (Files are joined in the app alone.)
            #[cfg(not(feature = "embed"))]
            None if self.name.contains(crate::core::join::NAMES_JOINED) => {
                crate::core::join::file_stem(&self.name)
            }
            None => self.name.clone(),
        }
    }

    /// `doc` ready to show, with its timeline for the audio length `duration` known now (its
    /// times as the file gives them: `shift` 0).
    pub fn new(
        doc: Document,
        name: String,
        key: u64,
        measures: TextMeasures,
        duration: Option<Millis>,
    ) -> Loaded {
        let TextMeasures { speaking, weights } = measures;
        let timeline = Arc::new(Timeline::build(&doc, duration, None, &speaking));
        Loaded {
            doc,
            name,
            key,
            speaking,
            weights,
            first_timeline: (duration, timeline),
            shift: 0,
        }
    }
}

/// What is worked out from all of a transcript's text, once, before it is shown.
pub struct TextMeasures {
    pub speaking: SpeakingTimes,
    pub weights: BlockWeights,
}

impl TextMeasures {
    pub fn of(doc: &Document) -> TextMeasures {
        TextMeasures {
            speaking: SpeakingTimes::of(doc),
            weights: BlockWeights::of(doc),
        }
    }

    /// [`of`](Self::of), pausing where `pause` asks to.
    pub async fn of_pausing(doc: &Document, pause: &mut Pause<'_>) -> TextMeasures {
        TextMeasures {
            speaking: SpeakingTimes::of_pausing(doc, pause).await,
            weights: BlockWeights::of_pausing(doc, pause).await,
        }
    }
}

/// What listening to the audio found for one transcript and one audio source.
#[derive(Debug, PartialEq)]
pub struct Heard {
    /// The transcript's key and the audio's address it holds for.
    pub key: u64,
    pub audio: String,
    /// Where each turn was heard to start.
    pub starts: Vec<Millis>,
    pub sentences: Arc<SentenceTimeline>,
}

/// The search: what was asked, what was found (document order), and which hit is the current one.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    /// The transcript the hits were found in (weakly: its memory is not kept for them, and no
    /// other is allocated where it was while they point at it).
    pub found_in: Weak<Loaded>,
    pub hits: Arc<Vec<crate::core::search::Hit>>,
    pub current: Option<usize>,
}

impl Search {
    /// The hits, if they were found in `loaded`; else none. A transcript shown since has other
    /// turns, rows and times: its search is cleared as it shows, but what reads the hits (the
    /// seek bar's marks, the painting) may run first, and a hit in turn 12 of a transcript of
    /// two stopped the app.
    pub fn hits_in(&self, loaded: &Option<Arc<Loaded>>) -> &[crate::core::search::Hit] {
        match loaded {
            Some(l) if l.is(&self.found_in) => &self.hits,
            _ => &[],
        }
    }
}

/// A transcript's sentences, split and aligned, and timed by the timeline of the moment.
#[derive(Debug, PartialEq)]
pub struct Split {
    /// The transcript's key.
    pub key: u64,
    pub sentences: Arc<SentenceTimeline>,
    /// The timeline they were timed by (`None`: time them before use).
    pub timed_for: Option<Arc<Timeline>>,
}

/// Where the sentences' times come from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceTiming {
    /// In proportion to their length (and the source's word timings, where it has them).
    Estimated,
    /// The audio is being analysed; the estimate holds meanwhile.
    Listening,
    /// Moved to the pauses heard in the audio.
    Heard,
}

impl SentenceTiming {
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceTiming::Estimated => "estimated",
            SentenceTiming::Listening => "listening",
            SentenceTiming::Heard => "heard",
        }
    }
}

/// How the two languages are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Each turn's first language, then its second, one under the other.
    Interleaved,
    /// Two aligned columns, turns aligned row by row.
    Side,
    /// One language alone: kept by language, not by place, so "English" stays English in a
    /// transcript whose first language is Chinese.
    Only(Lang),
}

impl Layout {
    /// Every layout: the two of both languages, then one for each language a transcript may have.
    pub const ALL: [Layout; Lang::ALL.len() + 1] = {
        let mut all = [Layout::Interleaved; Lang::ALL.len() + 1];
        all[1] = Layout::Side;
        let mut i = 0;
        // Every language but `und`, text whose language is not known, which no one chooses.
        while i < Lang::ALL.len() - 1 {
            all[i + 2] = Layout::Only(Lang::ALL[i]);
            i += 1;
        }
        all
    };

    /// The name kept in settings and set on the transcript (`data-layout`): `only-` and the
    /// language's code for one language.
    pub fn name(self) -> String {
        match self {
            Layout::Interleaved => "interleaved".to_owned(),
            Layout::Side => "side".to_owned(),
            Layout::Only(lang) => format!("only-{}", lang.code()),
        }
    }

    pub fn from_name(s: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == s)
    }

    pub fn label(self) -> String {
        match self {
            Layout::Interleaved => "Interleaved".to_owned(),
            Layout::Side => "Side by side".to_owned(),
            // The language's name alone ("Español", not "Español only"): the menu is as wide as
            // its widest choice, and on a 320 px phone a longer one took the top bar to three rows.
            Layout::Only(lang) => lang.native_name().to_owned(),
        }
    }

    /// What a transcript in `languages` is shown in: one language chosen that it does not have
    /// shows both, rather than rows with no text (the choice is kept for the next transcript).
    pub fn shown_for(self, languages: &[Lang]) -> Layout {
        match self {
            Layout::Only(lang) if !languages.contains(&lang) => Layout::Interleaved,
            layout => layout,
        }
    }
}

/// Light, dark, or whatever the system prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_name(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// How one language's text is shown: for reading, or veiled, for learning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Veil {
    Shown,
    /// Blurred until hovered, focused or tapped.
    Blurred,
    /// Blurred except the sentence being said.
    BlurredButCurrent,
    Hidden,
}

impl Veil {
    pub const ALL: [Veil; 4] = [
        Veil::Shown,
        Veil::Blurred,
        Veil::BlurredButCurrent,
        Veil::Hidden,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Veil::Shown => "shown",
            Veil::Blurred => "blurred",
            Veil::BlurredButCurrent => "blurred-but-current",
            Veil::Hidden => "hidden",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Veil::Shown => "Shown",
            Veil::Blurred => "Blurred",
            Veil::BlurredButCurrent => "Blurred, but the current sentence",
            Veil::Hidden => "Hidden",
        }
    }

    pub fn from_name(s: &str) -> Option<Veil> {
        Veil::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Which of the learner's veils a language's text is under: the spoken language's (the
/// document's first), Pinyin's (a reading aid, hidden apart from the translation), or the
/// translations'. Set on each text (`data-role`) for the stylesheet, and asked of the rows'
/// estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VeilRole {
    First,
    Second,
    Pinyin,
}

impl VeilRole {
    /// The role of text in `lang`, in a document whose first language is `spoken`.
    pub fn of(lang: Lang, spoken: Option<Lang>) -> VeilRole {
        match lang {
            Lang::Pinyin => VeilRole::Pinyin,
            lang if Some(lang) == spoken => VeilRole::First,
            _ => VeilRole::Second,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            VeilRole::First => "first",
            VeilRole::Second => "second",
            VeilRole::Pinyin => "pinyin",
        }
    }
}

/// How playback goes on at the end of each sentence or turn: for practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Practice {
    PlayOn,
    PauseAfterSentence,
    PauseAfterTurn,
    RepeatSentence,
    RepeatTurn,
    /// Loop a range of turns (A–B), at the loop speeds.
    LoopTurns,
}

impl Practice {
    pub const ALL: [Practice; 6] = [
        Practice::PlayOn,
        Practice::PauseAfterSentence,
        Practice::PauseAfterTurn,
        Practice::RepeatSentence,
        Practice::RepeatTurn,
        Practice::LoopTurns,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Practice::PlayOn => "play-on",
            Practice::PauseAfterSentence => "pause-after-sentence",
            Practice::PauseAfterTurn => "pause-after-turn",
            Practice::RepeatSentence => "repeat-sentence",
            Practice::RepeatTurn => "repeat-turn",
            Practice::LoopTurns => "loop-turns",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Practice::PlayOn => "Play on",
            Practice::PauseAfterSentence => "Pause after each sentence",
            Practice::PauseAfterTurn => "Pause after each turn",
            Practice::RepeatSentence => "Repeat each sentence",
            Practice::RepeatTurn => "Repeat each turn",
            Practice::LoopTurns => "Loop turns A–B",
        }
    }

    pub fn from_name(s: &str) -> Option<Practice> {
        Practice::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// What the user chose, remembered across visits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub layout: Layout,
    pub theme: Theme,
    pub follow: bool,
    pub rate: f64,
    /// The first (spoken) language's, the translations' and Pinyin's veils (a reading aid
    /// that a learner of Chinese hides apart from the translation).
    pub veil_first: Veil,
    pub veil_second: Veil,
    pub veil_pinyin: Veil,
    /// Text sizes in percent, per language (Latin and CJK scripts).
    pub size_latin: u16,
    pub size_cjk: u16,
    /// Reading mode: the player chrome hidden.
    pub reading: bool,
    /// The player's keys of one character (Space, K, J, L, `/`, …) wherever the focus is; off,
    /// only in the transcript and the player (for speech input, whose words would press them).
    pub single_keys: bool,
    pub practice: Practice,
    /// How many times each sentence or turn is played in the repeat modes.
    pub repeats: u8,
    /// The speed of each pass of an A–B loop, the last one kept ("0.75 1": slow, then normal).
    pub loop_speeds: LoopSpeeds,
}

/// Speeds for the passes of an A–B loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoopSpeeds {
    /// The speed chosen in the player bar, every pass.
    Same,
    SlowThenNormal,
    SlowerThenNormal,
}

impl LoopSpeeds {
    pub const ALL: [LoopSpeeds; 3] = [
        LoopSpeeds::Same,
        LoopSpeeds::SlowThenNormal,
        LoopSpeeds::SlowerThenNormal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LoopSpeeds::Same => "same",
            LoopSpeeds::SlowThenNormal => "slow-then-normal",
            LoopSpeeds::SlowerThenNormal => "slower-then-normal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LoopSpeeds::Same => "same speed",
            LoopSpeeds::SlowThenNormal => "0.75×, then 1×",
            LoopSpeeds::SlowerThenNormal => "0.5×, 0.75×, 1×",
        }
    }

    /// The speeds of the passes (`None`: leave the speed alone).
    pub fn passes(self) -> Option<&'static [f64]> {
        match self {
            LoopSpeeds::Same => None,
            LoopSpeeds::SlowThenNormal => Some(&[0.75, 1.0]),
            LoopSpeeds::SlowerThenNormal => Some(&[0.5, 0.75, 1.0]),
        }
    }

    pub fn from_name(s: &str) -> Option<LoopSpeeds> {
        LoopSpeeds::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl Settings {
    /// Whether text in `lang` is seen in `layout` (the one shown), in a transcript whose first
    /// language is `spoken`: the layout's, and not hidden by the learner's veil (blurred text is
    /// there to be read).
    pub fn shows(&self, layout: Layout, lang: Lang, spoken: Option<Lang>) -> bool {
        !matches!(layout, Layout::Only(only) if only != lang)
            && self.veil(VeilRole::of(lang, spoken)) != Veil::Hidden
    }

    /// The veil chosen for text in `role`.
    pub fn veil(&self, role: VeilRole) -> Veil {
        match role {
            VeilRole::First => self.veil_first,
            VeilRole::Second => self.veil_second,
            VeilRole::Pinyin => self.veil_pinyin,
        }
    }

    /// As stored: a JSON object, a member per setting (enums by name).
    pub fn to_json(&self) -> String {
        let mut w = Writer::compact();
        w.begin_object();
        w.key("layout").string(&self.layout.name());
        w.key("theme").string(self.theme.as_str());
        w.key("follow").boolean(self.follow);
        w.key("rate").number(&decimal::trimmed(self.rate, 4));
        w.key("veil_first").string(self.veil_first.as_str());
        w.key("veil_second").string(self.veil_second.as_str());
        w.key("veil_pinyin").string(self.veil_pinyin.as_str());
        w.key("size_latin").number(&self.size_latin.to_string());
        w.key("size_cjk").number(&self.size_cjk.to_string());
        w.key("reading").boolean(self.reading);
        w.key("single_keys").boolean(self.single_keys);
        w.key("practice").string(self.practice.as_str());
        w.key("repeats").number(&self.repeats.to_string());
        w.key("loop_speeds").string(self.loop_speeds.as_str());
        w.end_object();
        w.finish()
    }

    /// Settings as [`to_json`](Self::to_json) writes them (and as earlier versions did): members
    /// missing take their default, unknown ones are passed over; `None` if anything present is
    /// not what its setting can be.
    pub fn from_json(text: &str) -> Option<Settings> {
        let mut s = Settings::default();
        let mut r = Reader::new(text);
        let mut valid = true;
        let read = r.object(|r, key| {
            // A member's value into its setting, if it is one the setting can take.
            fn put<T>(setting: &mut T, value: Option<T>) -> bool {
                value.map(|v| *setting = v).is_some()
            }
            let whole = |r: &mut Reader<'_>, max: f64| {
                let n = r.number()?;
                Ok((n.fract() == 0.0 && (0.0..=max).contains(&n)).then_some(n))
            };
            valid &= match key {
                "layout" => put(&mut s.layout, Layout::from_name(&r.string()?)),
                "theme" => put(&mut s.theme, Theme::from_name(&r.string()?)),
                "follow" => put(&mut s.follow, Some(r.boolean()?)),
                "rate" => put(&mut s.rate, Some(r.number()?)),
                "veil_first" => put(&mut s.veil_first, Veil::from_name(&r.string()?)),
                "veil_second" => put(&mut s.veil_second, Veil::from_name(&r.string()?)),
                "veil_pinyin" => put(&mut s.veil_pinyin, Veil::from_name(&r.string()?)),
                "size_latin" => put(&mut s.size_latin, whole(r, 65535.0)?.map(|n| n as u16)),
                "size_cjk" => put(&mut s.size_cjk, whole(r, 65535.0)?.map(|n| n as u16)),
                "reading" => put(&mut s.reading, Some(r.boolean()?)),
                "single_keys" => put(&mut s.single_keys, Some(r.boolean()?)),
                "practice" => put(&mut s.practice, Practice::from_name(&r.string()?)),
                "repeats" => put(&mut s.repeats, whole(r, 255.0)?.map(|n| n as u8)),
                "loop_speeds" => put(&mut s.loop_speeds, LoopSpeeds::from_name(&r.string()?)),
                _ => {
                    r.skip()?;
                    true
                }
            };
            Ok(())
        });
        (read.is_ok() && r.end().is_ok() && valid).then_some(s)
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            layout: Layout::Interleaved,
            theme: Theme::Auto,
            follow: true,
            rate: 1.0,
            veil_first: Veil::Shown,
            veil_second: Veil::Shown,
            veil_pinyin: Veil::Shown,
            size_latin: 100,
            size_cjk: 100,
            reading: false,
            single_keys: true,
            practice: Practice::PlayOn,
            repeats: 2,
            loop_speeds: LoopSpeeds::Same,
        }
    }
}

/// `name` (a file's, an address's, an attribute's) as it goes into a message: isolated from the
/// words around it (Unicode's first-strong isolate), so a name in a right-to-left script, or one
/// with direction controls in it, cannot reorder the message or hide what it says.
pub fn isolated(name: &str) -> String {
    format!("\u{2068}{name}\u{2069}")
}

/// `n` with its thousands grouped as in the page's English: "11,406".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut text = String::with_capacity(digits.len() * 4 / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// "1 turn", "2 turns", "11,406 turns": `n` ([`grouped`]) and the noun that goes with it.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// A line in the message area.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: u32,
    pub kind: MessageKind,
    pub text: String,
    /// It is about the transcript asked for with this ticket ([`Player::start_load`]): why it
    /// was not shown, or what was shown. It goes once one asked for later is shown.
    pub about_load: Option<u64>,
}

/// At most this many errors show at once: nine files refused one after another covered a
/// phone's transcript, each error until dismissed.
const ERRORS_SHOWN: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Stays until dismissed.
    Error,
    /// Fades after a few seconds.
    Info,
    /// Stays until withdrawn ([`Player::withdraw`]): a state that lasts ("waiting for the audio").
    Status,
}

/// The speeds the player offers, slowest first, each as a number and as written: its choice's
/// options, and the steps of the keys `<` and `>`.
pub const SPEEDS: [(f64, &str); 7] = [
    (0.5, "0.5"),
    (0.75, "0.75"),
    (1.0, "1"),
    (1.25, "1.25"),
    (1.5, "1.5"),
    (1.75, "1.75"),
    (2.0, "2"),
];

/// Where the next transcript shown starts.
#[derive(Clone, Copy, Default)]
pub enum Start {
    /// Where the audio is, if it plays or has moved from its start (a better translation of
    /// what is heard, dropped for it); else where this transcript was left at the last visit.
    #[default]
    Here,
    /// A link's moment (`#t=`).
    Linked(Millis),
    /// Where this transcript was left (or its start): it came with its own audio, another episode.
    Its,
}

/// The shared state. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Player {
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    pub timeline: Memo<Option<Arc<Timeline>>>,
    pub clock: Clock,
    /// The turn being said now (`None` in a gap), derived from the clock.
    pub active: Memo<Option<usize>>,
    /// The turn last gone to (clicked, searched, stepped to): of turns that start together, the
    /// one active while it runs ([`Timeline::active_at_choosing`]); `usize::MAX`, the index of no
    /// turn, before any is (a plain index: an optional one cost the bundle 0.7 KB more). Set by
    /// [`Player::seek_in_turn`]; cleared with each transcript.
    pub chosen_turn: RwSignal<usize>,
    /// What listening found, when it has (for the loaded transcript and the current audio).
    pub heard: RwSignal<Option<Arc<Heard>>>,
    pub sentence_timing: RwSignal<SentenceTiming>,
    /// Whether to listen to the audio to time the sentences (see `hooks::hearing`): an embed's
    /// `listen` (a host page that pays for every byte turns it off).
    pub listen: RwSignal<bool>,
    /// The loaded transcript's sentences once split (a long transcript takes a moment).
    pub split: RwSignal<Option<Arc<Split>>>,
    /// Every turn's sentences, aligned across languages, with their times.
    pub sentences: Memo<Option<Arc<SentenceTimeline>>>,
    /// The sentence group being said now: (turn, group).
    pub active_sentence: Memo<Option<(usize, usize)>>,
    /// The timed word being said now, where the source times words: (turn, block, timing).
    pub active_word: Memo<Option<(usize, usize, usize)>>,
    pub settings: RwSignal<Settings>,
    /// Following is on, but the user scrolled away: "Back to current" is offered.
    pub follow_paused: RwSignal<bool>,
    pub messages: RwSignal<Vec<Message>>,
    /// What is being read right now ("episode.md"), for the loading indicator.
    pub loading: RwSignal<Option<String>>,
    pub help_open: RwSignal<bool>,
    pub search: RwSignal<Search>,
    /// The turns an A–B loop runs over (first, last), and how many passes it has made.
    pub loop_range: RwSignal<(Option<usize>, Option<usize>)>,
    pub loop_pass: RwSignal<usize>,
    /// The languages shown and their order, when the page chose them (an embed's `languages`);
    /// `None` shows the transcript's own.
    pub languages: RwSignal<Option<Vec<Lang>>>,
    /// The standalone app, which remembers settings, positions and transcripts and announces
    /// what it loaded; an embed does neither (it never touches its host page's storage, and its
    /// visitors did not load anything).
    pub standalone: bool,
    /// Where the next transcript shown starts (taken by it).
    pub start_at: StoredValue<Start>,
    /// The last transcript asked for ([`Player::start_load`]).
    latest_load: StoredValue<u64>,
    next_message_id: StoredValue<u32>,
    /// The message saying what a key last changed (the speed, following, the lines' times):
    /// the next replaces it ([`Player::say_instead`]).
    key_said: StoredValue<Option<u32>>,
    /// The message the keyboard's focus is in (its Dismiss button): not taken away by time
    /// while it is, which would leave the focus on nothing.
    pub message_held: StoredValue<Option<u32>>,
    /// Which rows of the transcript are rendered, and the heights of all of them.
    pub rows: RowWindow,
}

impl Player {
    /// The layout the transcript is shown in now: the one chosen, as the loaded transcript's
    /// languages allow ([`Layout::shown_for`]).
    pub fn shown_layout(&self) -> Layout {
        let chosen = self.settings.with(|s| s.layout);
        self.loaded
            .with(|l| chosen.shown_for(l.as_ref().map_or(&[], |l| &l.doc.languages)))
    }

    /// Of the loaded transcript's languages, the ones a reader sees ([`Settings::shows`]).
    pub fn languages_seen(&self) -> Vec<Lang> {
        let layout = self.shown_layout();
        self.loaded.with(|l| {
            let languages = l.as_ref().map_or(&[][..], |l| &l.doc.languages);
            let spoken = languages.first().copied();
            self.settings.with(|s| {
                (languages.iter().copied())
                    .filter(|&lang| s.shows(layout, lang, spoken))
                    .collect()
            })
        })
    }

    pub fn new(settings: Settings, standalone: bool) -> Player {
        let loaded: RwSignal<Option<Arc<Loaded>>> = RwSignal::new(None);
        let clock = Clock::new(settings.rate);
        let heard: RwSignal<Option<Arc<Heard>>> = RwSignal::new(None);
        // What was heard, if it was heard for this transcript and this audio.
        let current_heard = Memo::new(move |_| {
            let key = loaded.with(|l| l.as_ref().map(|l| l.key));
            let source = clock.source.get();
            heard
                .get()
                .filter(|h| Some(h.key) == key && Some(&h.audio) == source.as_ref())
        });
        // A new timeline or new sentences change what the clock was told stays steady: the memos
        // that make them tell it to reconsider (`Clock::ration_with`, below).
        let timeline = Memo::new(move |_| {
            clock.reconsider();
            let duration = clock.audio_duration();
            let heard = current_heard.get();
            loaded.with(|l| {
                l.as_ref().map(|l| match &heard {
                    None if l.first_timeline.0 == duration => l.first_timeline.1.clone(),
                    _ => {
                        let heard_starts = heard.as_ref().map(|h| h.starts.as_slice());
                        Arc::new(Timeline::build(&l.doc, duration, heard_starts, &l.speaking))
                    }
                })
            })
        });
        let chosen_turn: RwSignal<usize> = RwSignal::new(usize::MAX);
        let active = Memo::new(move |_| {
            let now = clock.time.get();
            let chosen = Some(chosen_turn.get());
            timeline.with(|t| t.as_ref().and_then(|t| t.active_at_choosing(now, chosen)))
        });
        let split: RwSignal<Option<Arc<Split>>> = RwSignal::new(None);
        // Splitting is done once per transcript (see `hooks::splitting`); a timeline only times it.
        let sentences = Memo::new(move |_| {
            clock.reconsider();
            if let Some(h) = current_heard.get() {
                return Some(h.sentences.clone());
            }
            let timeline = timeline.get()?;
            let split = split.get()?;
            loaded.with(|l| {
                let l = l.as_ref().filter(|l| l.key == split.key)?;
                // Timed by this very timeline already: shared, not copied (a 10 MB transcript's
                // 200,000 sentences take a long task to copy).
                let current = split
                    .timed_for
                    .as_ref()
                    .is_some_and(|t| Arc::ptr_eq(t, &timeline));
                Some(if current {
                    split.sentences.clone()
                } else {
                    Arc::new(split.sentences.retimed(&l.doc, &timeline))
                })
            })
        });
        let active_sentence = Memo::new(move |_| {
            let turn = active.get()?;
            let now = clock.time.get();
            sentences.with(|s| s.as_ref()?.active_group(turn, now).map(|g| (turn, g)))
        });
        let active_word = Memo::new(move |_| {
            let turn = active.get()?;
            let now = clock.time.get();
            loaded.with(|l| {
                let blocks = &l.as_ref()?.doc.turns.get(turn)?.blocks;
                blocks
                    .iter()
                    .enumerate()
                    .find_map(|(b, block)| block.timing_at(now).map(|w| (turn, b, w)))
            })
        });
        // The clock wakes the memos above only when one of them may change (or on its grid).
        clock.ration_with(move |t| {
            timeline.with_untracked(|tl| {
                let tl = tl.as_ref()?;
                let chosen = Some(chosen_turn.get_untracked());
                let turn_changes = tl.steady_until_choosing(t, chosen);
                let Some(turn) = tl.active_at_choosing(t, chosen) else {
                    return turn_changes;
                };
                let group_changes =
                    sentences.with_untracked(|s| s.as_ref()?.group_steady_until(turn, t));
                let word_changes = loaded.with_untracked(|l| {
                    l.as_ref()?
                        .doc
                        .turns
                        .get(turn)?
                        .blocks
                        .iter()
                        .filter_map(|b| b.timing_steady_until(t))
                        .min()
                });
                [turn_changes, group_changes, word_changes]
                    .into_iter()
                    .flatten()
                    .min()
            })
        });
        Player {
            loaded,
            timeline,
            clock,
            active,
            chosen_turn,
            heard,
            sentence_timing: RwSignal::new(SentenceTiming::Estimated),
            split,
            sentences,
            active_sentence,
            active_word,
            settings: RwSignal::new(settings),
            follow_paused: RwSignal::new(false),
            listen: RwSignal::new(true),
            messages: RwSignal::new(Vec::new()),
            loading: RwSignal::new(None),
            help_open: RwSignal::new(false),
            search: RwSignal::new(Search::default()),
            loop_range: RwSignal::new((None, None)),
            loop_pass: RwSignal::new(0),
            languages: RwSignal::new(None),
            standalone,
            start_at: StoredValue::new(Start::Here),
            latest_load: StoredValue::new(0),
            next_message_id: StoredValue::new(0),
            key_said: StoredValue::new(None),
            message_held: StoredValue::new(None),
            rows: RowWindow::new(),
        }
    }

    /// A transcript is asked for: the last one asked for is the one shown, whichever arrives
    /// first (a slow address, then a quick one: the quick one stays). Returns its ticket, which
    /// [`Player::still_wanted`] takes just before showing it.
    pub fn start_load(&self) -> u64 {
        let ticket = self.latest_load.get_value() + 1;
        self.latest_load.set_value(ticket);
        ticket
    }

    /// Whether the transcript asked for with `ticket` is still the last one asked for.
    pub fn still_wanted(&self, ticket: u64) -> bool {
        self.latest_load.get_value() == ticket
    }

    /// Shows a message (see [`MessageKind`] for how long it stays).
    pub fn say(&self, kind: MessageKind, text: impl Into<String>) {
        self.post(kind, text);
    }

    /// Says `what` about the file, address or selector `name` ("name: what"), the name isolated
    /// so that its own direction cannot reorder the words around it.
    pub fn say_about(&self, kind: MessageKind, name: &str, what: &str) {
        self.post(kind, about(name, what));
    }

    /// Says why a transcript was not shown (an error, [`Player::say_about`]'s form when `name` is
    /// given), until one asked for later is ([`Player::transcript_shown`]).
    pub fn say_not_shown(&self, name: Option<&str>, why: &str) {
        let text = match name {
            Some(name) => about(name, why),
            None => why.to_owned(),
        };
        self.post_message(MessageKind::Error, text, Some(self.latest_load.get_value()));
    }

    /// Says what was shown of `name` (in [`Player::say_about`]'s form), until a transcript asked
    /// for later is shown: the news of one no longer shown would only mislead.
    pub fn say_shown(&self, name: &str, what: &str) {
        let ticket = Some(self.latest_load.get_value());
        self.post_message(MessageKind::Info, about(name, what), ticket);
    }

    /// The transcript last asked for is shown: what was said about those asked for before it is
    /// no longer news. (Not what was said on its own way in: an address that failed before the
    /// demo was shown instead, a cover image dropped beside it.)
    pub fn transcript_shown(&self) {
        let now = self.latest_load.get_value();
        let old = move |m: &Message| m.about_load.is_some_and(|t| t < now);
        if self.messages.with_untracked(|m| m.iter().any(old)) {
            self.messages.update(|m| m.retain(|m| !old(m)));
        }
    }

    /// [`Player::say`], returning the message's id, which [`Player::withdraw`] takes.
    pub fn post(&self, kind: MessageKind, text: impl Into<String>) -> u32 {
        self.post_message(kind, text.into(), None)
    }

    /// [`Player::post`]; `about_load`: it is about the transcript asked for with this ticket.
    fn post_message(&self, kind: MessageKind, text: String, about_load: Option<u64>) -> u32 {
        let id = self.next_message_id.get_value();
        self.next_message_id.set_value(id + 1);
        self.messages.update(|m| {
            m.retain(|old| old.text != text);
            m.push(Message {
                id,
                kind,
                text,
                about_load,
            });
            // The oldest go first. (News goes by itself, soon.)
            let errors = || m.iter().filter(|m| m.kind == MessageKind::Error);
            if errors().count() > ERRORS_SHOWN {
                let oldest = errors().next().map(|m| m.id);
                m.retain(|m| Some(m.id) != oldest);
            }
        });
        if kind == MessageKind::Info {
            self.withdraw_in_time(id);
        }
        id
    }

    /// Takes message `id` away in four seconds, or once the keyboard's focus has left it.
    fn withdraw_in_time(&self, id: u32) {
        let player = *self;
        set_timeout(
            move || match player.message_held.get_value() == Some(id) {
                true => player.withdraw_in_time(id),
                false => player.withdraw(id),
            },
            std::time::Duration::from_secs(4),
        );
    }

    /// Says `text` in place of what a key last said (a reader pressing `>` three times reads
    /// one speed, not three).
    pub fn say_instead(&self, text: impl Into<String>) {
        self.unsay();
        self.key_said
            .set_value(Some(self.post(MessageKind::Info, text)));
    }

    /// Takes away what a key last said: a control changed the same thing since, and shows it.
    pub fn unsay(&self) {
        if let Some(id) = self.key_said.get_value() {
            self.withdraw(id);
        }
    }

    /// Takes message `id` away (if it is still shown).
    pub fn withdraw(&self, id: u32) {
        self.messages.update(|m| m.retain(|old| old.id != id));
    }

    /// The content key of the transcript shown (untracked).
    pub fn shown_key(&self) -> Option<u64> {
        self.loaded.with_untracked(|l| l.as_ref().map(|l| l.key))
    }

    /// Where the transcript ends when no audio says otherwise.
    pub fn transcript_end(&self) -> Millis {
        self.timeline
            .with(|t| t.as_ref().map_or(Millis::ZERO, |t| t.end()))
    }

    /// Plays at `rate` from now on, and remembers it for the next visit.
    pub fn set_speed(&self, rate: f64) {
        self.clock.set_rate(rate);
        self.settings.update(|s| s.rate = rate);
    }

    /// Turns following on or off; either way the current turn is no longer "scrolled away from".
    pub fn toggle_follow(&self) {
        self.settings.update(|s| s.follow = !s.follow);
        self.follow_paused.set(false);
    }

    /// Where the transcript's last turn starts (untracked).
    pub fn last_start(&self) -> Millis {
        self.timeline.with_untracked(|t| {
            (t.iter().flat_map(|t| t.spans()))
                .map(|span| span.start)
                .max()
                .unwrap_or_default()
        })
    }

    /// Where turn `index` starts in the timeline now (untracked): listening may have heard it
    /// start a little after its written time, and estimated starts stretch to the audio. `None`
    /// without a timeline, or past its end (it may already be another transcript's).
    pub fn turn_start(&self, index: usize) -> Option<Millis> {
        self.timeline
            .with_untracked(|t| Some(t.as_ref()?.spans().get(index)?.start))
    }

    /// Seeks to the start of turn `index`.
    pub fn seek_to_turn(&self, index: usize) {
        if let Some(start) = self.turn_start(index) {
            self.seek_in_turn(index, start);
        }
    }

    /// Seeks to `at` in turn `index` (one of its words or sentences), that turn the one followed
    /// of those starting with it.
    pub fn seek_in_turn(&self, index: usize, at: Millis) {
        self.chosen_turn.set(index);
        // Until when what is active stays so is worked out again.
        self.clock.reconsider();
        self.clock.seek(at);
    }
}

pub fn use_player() -> Player {
    expect_context::<Player>()
}

/// "name: what", the name isolated so that its own direction cannot reorder the words around it.
fn about(name: &str, what: &str) -> String {
    format!("{}: {what}", isolated(name))
}
