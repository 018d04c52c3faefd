//! Getting transcripts and audio in: dropped or picked files, pasted text, `?transcript=` and
//! `?audio=` addresses, the last transcript of the previous visit, and the demo.
//!
//! A transcript replaces the one shown only once it has been read successfully; anything else
//! leaves what is shown alone and says why, naming the file.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::hooks::clock::{media_error_reason, ClockMode};
use crate::app::hooks::decode::decode_legacy;
use crate::app::hooks::deep_link::within_reach;
use crate::app::hooks::pace::{next_paint, pauses_for_the_page, yield_to_page};
use crate::app::hooks::practice::start_loop_passes;
#[cfg(not(feature = "embed"))]
use crate::app::hooks::storage::Chosen;
#[cfg(not(feature = "embed"))]
use crate::app::hooks::stream::inflate;
use crate::app::hooks::stream::Chunks;
use crate::app::hooks::{splitting, storage};
use crate::app::parts::{part, say_missing, PartMissing};
use crate::app::state::{counted, isolated, Loaded, MessageKind, Player, Start, TextMeasures};
use crate::core::{self, decimal, Diagnostic, Document, Format, Millis, Pause};
#[cfg(not(feature = "embed"))]
use crate::core::{Decoded, LegacyEncoding};

/// The transcript shown when nothing else was asked for.
pub const DEMO_TRANSCRIPT: &str = "samples/chip-huyen-lennys-podcast.md";

/// Transcript files larger than this (MB) are refused before reading (`?max-file-mb=` changes it).
const MAX_FILE_MB: f64 = 200.0;

/// File extensions (and MIME types) taken as audio when files are dropped or picked.
const AUDIO_EXTENSIONS: &[&str] = &[
    "mp3", "m4a", "aac", "wav", "ogg", "oga", "opus", "flac", "webm", "mp4", "m4b",
];

/// Reads `bytes` as a transcript named `name` and shows it, or says why not.
/// `remember` keeps it for the next visit (things the user loaded themselves, in the app).
pub fn show_transcript(player: Player, name: &str, bytes: &[u8], remember: bool) -> bool {
    player.start_load();
    let doc = core::read_with(bytes, decode_legacy);
    if refused(player, name, &doc) {
        return false;
    }
    let measures = TextMeasures::of(&doc);
    show(
        player,
        prepare(player, name, core::content_key(bytes), doc, measures),
        true,
    );
    if remember {
        // Copied out to JavaScript's memory: a copy inside ours would grow it for good.
        let body = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        if let Ok(body) = web_sys::Blob::new_with_u8_array_sequence(&body) {
            keep_for_next_visit(player, vec![(name.to_owned(), body)]);
        }
    }
    true
}

/// A transcript read and found worth showing, not yet shown.
struct Read {
    doc: Document,
    /// Its content key: where the listener was in it is kept by this.
    key: u64,
}

/// Reads a transcript on its way in, the loading indicator up (taken down by the caller, once
/// it has shown what it read); `None` if it could not be or is not one worth showing, said why,
/// or if another transcript was asked for since `ticket`. A transcript may be large: reading it
/// and working out how long its turns take to say ([`show_and_settle`]) pause for the page
/// every slice, and showing is a task of its own, so none of it holds the page for long. A Word
/// or OpenDocument document is read as the text it shows (see [`unpacked`]).
async fn read_pausing(player: Player, ticket: u64, source: Arriving<'_>) -> Option<Read> {
    let Arriving { name, from, bytes } = source;
    let name = name.as_str();
    player.loading.set(Some(isolated(name)));
    let bytes = match bytes.await {
        _ if !player.still_wanted(ticket) => return None,
        Ok(bytes) => bytes,
        Err(reason) => {
            player.say_not_shown(Some(&from), &reason);
            return None;
        }
    };
    next_paint().await;
    #[cfg(not(feature = "embed"))]
    let (bytes, from_document) = unpacked(player, name, bytes).await?;
    let mut pause = pauses_for_the_page();
    // Before decoding: a choice the reader made for these bytes is kept by it.
    let key = core::content_key_pausing(&bytes, &mut pause).await;
    // In the app, telling the single-byte code pages apart is a part (`choose_encoding`); the
    // embed, which does not tell them, decodes in the one step.
    #[cfg(not(feature = "embed"))]
    let decoded = match core::decode::decode_pausing(&bytes, &mut pause).await {
        Decoded::Text(text, diagnostics) => Ok((text, diagnostics)),
        Decoded::NotText(reason) => Err(core::not_text(reason)),
        Decoded::Legacy(encodings) => match choose_encoding(&bytes, key, encodings).await {
            Ok(found) => core::legacy_decoded(found, encodings).map_err(core::not_text),
            Err(PartMissing) => {
                say_missing(player, "The reading of older encodings");
                return None;
            }
        },
    };
    #[cfg(feature = "embed")]
    let decoded = core::decode_pausing_with(&bytes, decode_legacy, &mut pause).await;
    let doc = match decoded {
        Err(not_read) => not_read,
        Ok((text, diagnostics)) => match core::detect(&text) {
            Format::Bilingual => core::read_layout(&text, diagnostics, &mut pause).await,
            format => {
                let mut reading = OtherFormat {
                    text: &text,
                    #[cfg(not(feature = "embed"))]
                    key,
                    diagnostics,
                    pause: &mut pause,
                };
                let read = match read_other_format(&mut reading).await {
                    Ok(read) => read.await,
                    Err(PartMissing) => {
                        say_missing(player, &format!("The {} reader", format.name()));
                        return None;
                    }
                };
                read
            }
        },
    };
    #[cfg(not(feature = "embed"))]
    let doc = if from_document {
        core::documents::noted(doc)
    } else {
        doc
    };
    if refused(player, name, &doc) {
        return None;
    }
    yield_to_page().await;
    Some(Read { doc, key })
}

/// `bytes`, or the text of the Word or OpenDocument document they are (and `true`), unpacked by
/// a part of its own; `None` if they are an archive with no such document in it, or the part could not be
/// had, either of which is said. Not in the embed: podcast pages publish no such documents, and
/// its visitors would download the reading for nothing.
#[cfg(not(feature = "embed"))]
async fn unpacked(player: Player, name: &str, bytes: Vec<u8>) -> Option<(Vec<u8>, bool)> {
    if !core::documents::is_zip(&bytes) {
        return Some((bytes, false));
    }
    match text_of_document(&bytes).await {
        Ok(unpacking) => match unpacking.await {
            Ok(text) => Some((text.into_bytes(), true)),
            Err(why) => {
                let reason = core::DiagnosticKind::NotText {
                    reason: why.to_owned(),
                };
                player.say_not_shown(Some(name), &reason.to_string());
                None
            }
        },
        Err(PartMissing) => {
            say_missing(player, "The document reader");
            None
        }
    }
}

part! {
    documents (app only):
    /// The text of the Word or OpenDocument document `bytes`, or what they are if they hold none
    /// (a part: most visitors never open one).
    #[cfg(not(feature = "embed"))]
    fn text_of_document<'a>(
        bytes: &'a [u8],
    ) -> Pin<Box<dyn Future<Output = Result<String, core::documents::NotADocument>> + 'a>> {
        Box::pin(async move {
            core::documents::text_pausing_with(bytes, inflate, &mut pauses_for_the_page()).await
        })
    }
}

/// A transcript in a format other than the bilingual layout, decoded, to be read.
pub struct OtherFormat<'a, 'p> {
    text: &'a str,
    /// The content key of the bytes it was decoded from, by which a choice is kept.
    #[cfg(not(feature = "embed"))]
    key: u64,
    diagnostics: Vec<Diagnostic>,
    pause: &'a mut Pause<'p>,
}

#[cfg(not(feature = "embed"))]
part! {
    encodings (app only):
    /// Which legacy encoding `bytes` are in, among `encodings` (or the one the reader chose for
    /// them, [`read_in`]), and their text in it: telling the single-byte code pages apart
    /// (`core::code_pages`) is a download of its own, for the few files not in UTF-8.
    fn choose_encoding<'a>(
        bytes: &'a [u8],
        key: u64,
        encodings: &'static [LegacyEncoding],
    ) -> Option<(LegacyEncoding, String)> {
        let chosen = storage::load_chosen(Chosen::Encoding, key).and_then(|label| {
            let chosen = LegacyEncoding::labelled(&label)?;
            Some((chosen, decode_legacy(chosen, bytes)?))
        });
        chosen.or_else(|| core::choose_legacy(bytes, encodings, decode_legacy))
    }
}

/// Shows the transcript shown, a MicroDVD file's, at `rate` frames a second, the reader's
/// choice where its lines run ahead of the audio or behind: kept for every time the file is
/// read.
#[cfg(not(feature = "embed"))]
pub fn read_at_rate(player: Player, rate: &'static str) {
    let Some(shown) = player.loaded.get_untracked() else {
        return;
    };
    leptos::task::spawn_local(async move {
        // Read at the rate from the file's times; moved again as chosen once shown.
        let Ok(mut doc) = at_files_times(&shown).await else {
            return;
        };
        if !core::at_frame_rate(&mut doc, rate) {
            return;
        }
        storage::save_chosen(Chosen::FrameRate, shown.key, rate);
        let ticket = player.start_load();
        let read = Read {
            doc,
            key: shown.key,
        };
        show_and_settle(player, ticket, Some((shown.name.clone(), read)), true).await;
    });
}

#[cfg(not(feature = "embed"))]
part! {
    readers (app only):
    /// A copy of the transcript `shown` at its file's times. A part, with the readers and the
    /// choice of a frame rate, which copy a transcript too: in the app's main WebAssembly,
    /// 1.2 KB more of what every visitor downloads.
    fn at_files_times<'a>(shown: &'a Loaded) -> Document {
        let mut doc = shown.doc.clone();
        doc.shift(-shown.shift);
        doc
    }
}

/// Reads the transcript shown, a file read from a legacy encoding, again in `encoding`: the
/// reader's choice where the bytes told wrong (a caption or two are too few to tell by), kept
/// for every time the file is read. Its bytes are the copy kept for the next visit; where there
/// is none (a file too large to keep, a page without the Cache API), the choice is kept for when
/// it is opened again, and said. If its bytes are not in `encoding`, what is shown stays, and
/// why is said.
#[cfg(not(feature = "embed"))]
pub fn read_in(player: Player, encoding: LegacyEncoding) {
    let Some(shown) = player.loaded.get_untracked() else {
        return;
    };
    let ticket = player.start_load();
    leptos::task::spawn_local(async move {
        let kept = storage::load_last_transcript()
            .await
            .ok()
            .and_then(|files| {
                let (_, bytes) = files.into_iter().next()?;
                (core::content_key(&bytes) == shown.key).then_some(bytes)
            });
        let name = shown.name.as_str();
        if kept
            .as_ref()
            .is_some_and(|bytes| decode_legacy(encoding, bytes).is_none())
        {
            let why = format!("it holds bytes that {} does not have", encoding.name());
            return player.say_not_shown(Some(name), &why);
        }
        storage::save_chosen(Chosen::Encoding, shown.key, encoding.label());
        let Some(bytes) = kept else {
            let when = format!("to be read in {} when opened again", encoding.name());
            return player.say_about(MessageKind::Info, name, &when);
        };
        let again = Arriving::new(name, name, std::future::ready(Ok(bytes)));
        show_when_read(player, ticket, again, true).await;
    });
}

/// `doc`, if a MicroDVD file's (whose content key is `key`), at the frame rate the reader chose
/// for it ([`read_at_rate`]), if they did.
#[cfg(not(feature = "embed"))]
fn at_chosen_rate(mut doc: Document, key: u64) -> Document {
    if doc.format == Format::MicroDvd {
        if let Some(rate) = storage::load_chosen(Chosen::FrameRate, key) {
            core::at_frame_rate(&mut doc, &rate);
        }
    }
    doc
}

part! {
    readers (app only):
    /// Reads `reading` (its readers, of WebVTT, SRT, SubViewer, SAMI, MicroDVD, MPL2, TTML, ASS, LRC, Podcasting 2.0 JSON and HTML, are a download of
    /// their own: `app::parts`; the demo, and most transcripts people write, are in the
    /// bilingual layout).
    fn read_other_format<'a, 'p>(
        reading: &'a mut OtherFormat<'a, 'p>,
    ) -> Pin<Box<dyn Future<Output = Document> + 'a>> {
        let diagnostics = std::mem::take(&mut reading.diagnostics);
        #[cfg(feature = "embed")]
        let read = core::read_decoded(reading.text, diagnostics, reading.pause);
        #[cfg(not(feature = "embed"))]
        let read = async move {
            let doc = core::read_decoded(reading.text, diagnostics, reading.pause).await;
            at_chosen_rate(doc, reading.key)
        };
        Box::pin(read)
    }
}

/// Keeps `files`, a transcript the user loaded themselves (named, and the transcripts in other
/// languages joined to it), for the next visit (in the app, and if it is not too large).
fn keep_for_next_visit(player: Player, files: Vec<(String, web_sys::Blob)>) {
    if player.standalone {
        address_asks_no_more("transcript");
    }
    let size: f64 = files.iter().map(|(_, body)| body.size()).sum();
    if player.standalone && storage::may_remember(size as usize) {
        leptos::task::spawn_local(async move {
            storage::save_last_transcript(&files).await;
        });
    }
}

/// `doc`, read from `bytes`, with what showing it needs (its content key, its first timeline),
/// and in the app its times moved as the listener chose for this file ([`shift_times`]).
fn prepare(player: Player, name: &str, key: u64, doc: Document, measures: TextMeasures) -> Loaded {
    #[cfg(not(feature = "embed"))]
    let (doc, shift) = moved_as_chosen(doc, key);
    #[cfg(feature = "embed")]
    let shift = 0;
    let duration = untrack(|| player.clock.audio_duration());
    Loaded {
        shift,
        ..Loaded::new(doc, name.to_owned(), key, measures, duration)
    }
}

/// `doc` with its times moved as the listener chose for the file whose key is `key`, and how
/// far they moved.
#[cfg(not(feature = "embed"))]
fn moved_as_chosen(mut doc: Document, key: u64) -> (Document, i64) {
    let shift = chosen_shift(key).map_or(0, |by| doc.shift(by));
    (doc, shift)
}

/// How far the listener chose to move the times of the file whose key is `key`, if they did.
#[cfg(not(feature = "embed"))]
fn chosen_shift(key: u64) -> Option<i64> {
    storage::load_chosen(Chosen::Shift, key)?.parse().ok()
}

/// Moves the times of the transcript shown `by` milliseconds later (earlier if negative), to put
/// it in step with its audio (an advertisement before the episode, a recording cut otherwise):
/// kept for every time the file is read. Shown again where the audio is; resolves to how far its
/// times now are from the file's (no turn goes before 0:00), or `None` if none is shown or
/// another was asked for meanwhile.
#[cfg(not(feature = "embed"))]
pub async fn shift_times(player: Player, by: i64) -> Option<i64> {
    let shown = player.loaded.get_untracked()?;
    // Pressed again before the last press was shown, the steps add up: to what is kept, not to
    // what is shown.
    let kept = chosen_shift(shown.key).unwrap_or(shown.shift);
    storage::save_chosen(Chosen::Shift, shown.key, &(kept + by).to_string());
    let ticket = player.start_load();
    let Ok(doc) = at_files_times(&shown).await else {
        storage::save_chosen(Chosen::Shift, shown.key, &kept.to_string());
        say_missing(player, "Moving the lines");
        return None;
    };
    let read = Read {
        doc,
        key: shown.key,
    };
    if !show_and_settle(player, ticket, Some((shown.name.clone(), read)), false).await {
        return None;
    }
    let shift = player
        .loaded
        .with_untracked(|l| l.as_ref().map(|l| l.shift))?;
    // Pressed past 0:00, the choice kept is where it stopped.
    storage::save_chosen(Chosen::Shift, shown.key, &shift.to_string());
    Some(shift)
}

/// Shows `loaded` in place of the current transcript, where it was left or linked to, and says
/// how many turns it has if `announce`.
fn show(player: Player, loaded: Loaded, announce: bool) {
    let (key, warnings) = (loaded.key, loaded.doc.diagnostics.len());
    // The host page's audio is the host's: a transcript arriving does not stop or move it. Nor
    // does one that arrives while our audio plays, or is paused past its start (dropped for
    // it: a better translation): it plays along from there, where it was stopped and taken
    // back to its start. Unless it came with audio of its own.
    let start = player.start_at.try_update_value(std::mem::take);
    let host_led = player.clock.is_host_led();
    let clock = player.clock;
    let audio_placed = clock.mode.get_untracked() == ClockMode::Audio
        && (clock.playing.get_untracked() || clock.time.get_untracked() > Millis::ZERO);
    let keeps_place = host_led || audio_placed && !matches!(start, Some(Start::Its));
    if !keeps_place {
        player.clock.pause();
    }
    player.follow_paused.set(false);
    splitting::split_if_short(player, &loaded.doc, key);
    let loaded = Arc::new(loaded);
    player.chosen_turn.set(usize::MAX);
    // A loop's ends are turns of the transcript it was set in: its own, kept from the last
    // visit (the app's: an embed keeps none), or none.
    #[cfg(not(feature = "embed"))]
    let kept_loop = storage::load_loop(key, loaded.doc.turns.len()).unwrap_or_else(|discarded| {
        player.say(MessageKind::Info, discarded.0);
        None
    });
    #[cfg(feature = "embed")]
    let kept_loop = None;
    let (a, b) = kept_loop.unzip();
    player.loop_range.set((a, b));
    if a.is_some() {
        start_loop_passes(player);
    }
    player.loaded.set(Some(loaded.clone()));
    player.transcript_shown();
    let end = player.transcript_end();
    player.clock.internal_end.set(end);
    let remembered = if player.standalone {
        // The tab and the history name the transcript shown (the app's build only: an embed's
        // host page keeps its own title, and its visitors need not download this).
        #[cfg(not(feature = "embed"))]
        document().set_title(&(loaded.title() + " — interlinear"));
        storage::load_position(key).unwrap_or_else(|discarded| {
            player.say(MessageKind::Info, discarded.0);
            None
        })
    } else {
        None
    }
    .filter(|&p| p < end);
    match start {
        Some(Start::Linked(linked)) => player.clock.seek(within_reach(player, linked)),
        _ if !keeps_place => player.clock.seek(remembered.unwrap_or_default()),
        _ => {}
    }
    let turns = counted(loaded.doc.turns.len(), "turn", "turns");
    // Named as the panel under the title names them.
    let note = if warnings > 0 {
        format!(
            " ({})",
            counted(
                warnings,
                "note on reading the file",
                "notes on reading the file"
            )
        )
    } else {
        String::new()
    };
    #[cfg(not(feature = "embed"))]
    let note = match loaded.shift {
        0 => note,
        shift => format!(
            "{note}; lines {}, as you set them",
            crate::app::hooks::keys::shifted_said(shift)
        ),
    };
    if player.standalone && announce {
        player.say_shown(&loaded.name, &format!("{turns}{note}"));
    }
}

/// Whether `doc`, read from `name`, is not worth replacing the current transcript with; if so,
/// says why.
fn refused(player: Player, name: &str, doc: &Document) -> bool {
    let reason = match doc.unreadable() {
        Some(d) => d.kind.to_string(),
        None if doc.turns.is_empty() => "no timed turns found; is it a transcript?".to_owned(),
        None => return false,
    };
    player.say_not_shown(Some(name), &reason);
    true
}

/// Loads dropped or picked files: an audio file becomes the audio once it is known to play, and
/// the others are read as transcripts, in turn (a cover image dropped with an episode's
/// transcript is said to be no transcript, and the transcript is shown). A transcript after
/// the first in other languages is joined to it (a film's subtitles, one file a language); one
/// in a language the first has, like a second audio file, is named as not opened.
pub fn open_files(player: Player, files: Vec<web_sys::File>) {
    let (audio, transcripts): (Vec<_>, Vec<_>) = files.into_iter().partition(is_audio);
    let mut audio = audio.into_iter();
    let with_audio = audio.len() > 0;
    if let Some(file) = audio.next() {
        leptos::task::spawn_local(open_audio(player, file));
    }
    say_not_opened(player, audio, "one audio file plays at a time");
    // An image is told by its type at once: read as a transcript, a cover dropped just after one
    // would end the reading of it.
    let (images, transcripts): (Vec<_>, Vec<_>) = transcripts
        .into_iter()
        .partition(|file| file.type_().starts_with("image/"));
    for image in images {
        player.say_about(
            MessageKind::Error,
            &image.name(),
            "not a transcript: an image",
        );
    }
    if transcripts.is_empty() {
        return;
    }
    // A transcript dropped with its audio is another episode: what plays now stops, and the
    // transcript is shown at its own place, not played along from this one's (`show`), and its
    // audio starts there.
    if with_audio {
        player.clock.pause();
        player.start_at.set_value(Start::Its);
    }
    let ticket = player.start_load();
    let before = player.shown_key();
    leptos::task::spawn_local(async move {
        let sources = transcripts.iter().map(|file| {
            let name = file.name();
            Arriving::new(&name, &name, file_bytes(player, file))
        });
        let shown = show_sources(player, ticket, sources.collect()).await;
        if shown.is_empty() && with_audio {
            // Not shown, it leaves the next transcript its own start.
            player.start_at.set_value(Start::Here);
        }
        // Another transcript, dropped without audio, follows the audio already open: said, as
        // that may be the last episode's (timed by it, this one's highlight would be wrong), or
        // was dropped for it just before.
        let another = player.shown_key() != before;
        if !shown.is_empty()
            && !with_audio
            && another
            && player.clock.source.with_untracked(Option::is_some)
        {
            let name = player
                .loaded
                .with_untracked(|l| l.as_ref().map(|l| l.name.clone()));
            player.say_shown(
                &name.unwrap_or_default(),
                "playing along with the audio already open (drop another audio file to change it)",
            );
        }
        // Kept as the files themselves: copying 10 MB out of our memory took 9 ms of the task
        // that shows it.
        let files: Vec<_> = (transcripts.into_iter().enumerate())
            .filter(|(k, _)| shown.contains(k))
            .map(|(_, file)| (file.name(), file.into()))
            .collect();
        if !files.is_empty() {
            keep_for_next_visit(player, files);
        }
    });
}

/// Shows `sources` as one transcript, [`show_joined`] if there are several; the indices of the
/// sources shown.
async fn show_sources(player: Player, ticket: u64, mut sources: Vec<Arriving<'_>>) -> Vec<usize> {
    if sources.len() == 1 {
        let one = sources.pop().expect("one source");
        return match show_when_read(player, ticket, one, true).await {
            true => Vec::from([0]),
            false => Vec::new(),
        };
    }
    match show_joined(player, ticket, sources).await {
        Ok(showing) => showing.await,
        Err(PartMissing) => {
            say_missing(player, "Joining transcripts");
            Vec::new()
        }
    }
}

part! {
    joining (app only):
    /// [`show_when_read`] for several `sources` (dropped files, or those kept from the last
    /// visit): each after the first read is joined to it if it is in other languages (a film's
    /// subtitles, one file a language: `core::join`), and else said why not. The indices of
    /// the sources shown (none if none was). A part: most visitors open one transcript at a time.
    fn show_joined<'a>(
        player: Player,
        ticket: u64,
        sources: Vec<Arriving<'a>>,
    ) -> Pin<Box<dyn Future<Output = Vec<usize>> + 'a>> {
        Box::pin(async move {
            let mut shown: Option<(String, Read)> = None;
            let mut joined = Vec::new();
            for (k, source) in sources.into_iter().enumerate() {
                let name = source.name.clone();
                let Some(read) = read_pausing(player, ticket, source).await else {
                    if !player.still_wanted(ticket) {
                        return Vec::new();
                    }
                    continue;
                };
                let taken = match &mut shown {
                    None => {
                        shown = Some((name, read));
                        true
                    }
                    Some(first) => join_into(player, first, &name, read),
                };
                if taken {
                    joined.push(k);
                }
            }
            if !show_and_settle(player, ticket, shown, true).await {
                joined.clear();
            }
            joined
        })
    }
}

/// `read`, from the file `name`, joined to `shown` (a transcript read, and its name); whether it
/// was. If not, `shown` stays as it was, and why not is said.
fn join_into(player: Player, shown: &mut (String, Read), name: &str, read: Read) -> bool {
    let (shown_name, first) = shown;
    // (Two copies of one file, picked from two folders: they are no translation of each other.)
    if read.key == first.key {
        let why = format!(
            "not opened, it is the same transcript as {}",
            isolated(shown_name)
        );
        player.say_about(MessageKind::Info, name, &why);
        return false;
    }
    match core::join::join(&mut first.doc, read.doc, name) {
        Ok(()) => {
            // Another key than either's alone, where the listener's place is kept.
            first.key = first.key.wrapping_mul(0x100_0000_01b3) ^ read.key;
            *shown_name = core::join::joined_name(shown_name, name);
            true
        }
        Err(why) => {
            player.say_about(MessageKind::Info, name, &format!("not opened, {why}"));
            false
        }
    }
}

/// Says of each of `files` that it was not opened, and why.
fn say_not_opened(player: Player, files: impl Iterator<Item = web_sys::File>, why: &str) {
    for file in files {
        player.say_about(
            MessageKind::Info,
            &file.name(),
            &format!("not opened, {why}"),
        );
    }
}

/// Makes `file` the audio if the browser can play it, and keeps it for the next visit (in the
/// app); else the audio before stays, and the message says why.
async fn open_audio(player: Player, file: web_sys::File) {
    let name = file.name();
    if play_file(player, &name, &file, "playing along", &|| true).await && player.standalone {
        address_asks_no_more("audio");
        storage::save_last_audio(&file).await;
    }
}

/// The audio file opened at the last visit, playing along again; forgotten, and said, if it no
/// longer plays. Not if other audio was chosen meanwhile.
async fn restore_last_audio(player: Player) {
    let (name, file) = match storage::load_last_audio().await {
        Ok(Some(kept)) => kept,
        Ok(None) => return,
        Err(discarded) => return player.say(MessageKind::Error, discarded.0),
    };
    let no_other = move || player.clock.source.with_untracked(Option::is_none);
    let said = "playing along, as at your last visit";
    if no_other() && !play_file(player, &name, &file, said, &no_other).await && no_other() {
        storage::forget_last_audio().await;
    }
}

/// Makes `file`, named `name`, the audio if the browser can play it and `still_wanted()` once
/// it is known to play, and says `said` of it; else says why not. Whether it is the audio.
async fn play_file(
    player: Player,
    name: &str,
    file: &web_sys::Blob,
    said: &str,
    still_wanted: &dyn Fn() -> bool,
) -> bool {
    // (Said here: an element asked to load nothing logs a network error the page cannot stop.)
    if file.size() == 0.0 {
        player.say_about(MessageKind::Error, name, "not played: the file is empty");
        return false;
    }
    let Ok(url) = web_sys::Url::create_object_url_with_blob(file) else {
        player.say_about(MessageKind::Error, name, "could not be opened");
        return false;
    };
    let outcome = playable(&url).await;
    if outcome.is_ok() && still_wanted() {
        player.clock.set_audio_source(&url);
        player.say_about(MessageKind::Info, name, said);
        return true;
    }
    let _ = web_sys::Url::revoke_object_url(&url);
    if let Err(reason) = outcome {
        player.say_about(MessageKind::Error, name, &format!("not played: {reason}"));
    }
    false
}

/// Whether the browser can play the audio at `url`: its metadata read by an element of its own,
/// so that the audio playing now goes on meanwhile, and stays if the new one fails.
async fn playable(url: &str) -> Result<(), &'static str> {
    let probe: web_sys::HtmlMediaElement = document()
        .create_element("audio")
        .map_err(|_| "it could not be played")?
        .unchecked_into();
    probe.set_preload("metadata");
    let outcome = js_sys::Promise::new(&mut |loaded, failed| {
        let _ = probe.add_event_listener_with_callback("loadedmetadata", &loaded);
        let _ = probe.add_event_listener_with_callback("error", &failed);
    });
    probe.set_src(url);
    let result = match JsFuture::from(outcome).await {
        Ok(_) => Ok(()),
        Err(_) => Err(media_error_reason(probe.error())),
    };
    // Lets go of the file: the element is dropped, but its source would stay loaded a while.
    probe.remove_attribute("src").ok();
    probe.load();
    result
}

/// The bytes of `file`, read chunk by chunk (see [`read_file`]); refused before reading if it
/// is larger than a transcript may be.
async fn file_bytes(player: Player, file: &web_sys::File) -> Result<Vec<u8>, String> {
    let limit = file_limit_mb();
    let size = file.size() / 1e6;
    if size > limit {
        return Err(format!(
            "{} MB is more than the {} MB a transcript may be",
            decimal::fixed(size, 1),
            decimal::trimmed(limit, 1)
        ));
    }
    read_file(player, file, &file.name()).await
}

/// Reads text dragged in from another page as a transcript, as a dropped file is read (the
/// readers of formats other than the layout fetched if it needs them), and keeps it for the next
/// visit if it is shown.
pub fn open_text(player: Player, name: &'static str, text: String) {
    let ticket = player.start_load();
    leptos::task::spawn_local(async move {
        let body = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
        let text = Arriving::new(name, name, std::future::ready(Ok(text.into_bytes())));
        if show_when_read(player, ticket, text, true).await {
            if let Ok(body) = web_sys::Blob::new_with_str_sequence(&body) {
                keep_for_next_visit(player, vec![(name.to_owned(), body)]);
            }
        }
    });
}

/// The largest transcript file read, in MB: 200, or the page's `?max-file-mb=`.
fn file_limit_mb() -> f64 {
    page_parameter("max-file-mb")
        .and_then(|v| decimal::parse(&v))
        .filter(|v| *v > 0.0)
        .unwrap_or(MAX_FILE_MB)
}

/// Reads a dropped or picked file chunk by chunk, the loading indicator saying how far it is.
async fn read_file(player: Player, file: &web_sys::File, name: &str) -> Result<Vec<u8>, String> {
    let unreadable = || "could not be read".to_owned();
    let chunks = Chunks::new(&file.stream()).ok_or_else(unreadable)?;
    let total = file.size();
    let mut bytes = Vec::with_capacity(total as usize);
    let mut shown = 0;
    // A file on disk arrives faster than it is copied: without pauses, reading it would be one
    // task, the chunks following each other as promises resolved at once.
    let mut pause = pauses_for_the_page();
    while chunks.append_next(&mut bytes).await {
        if let Some(paused) = pause() {
            paused.await;
        }
        let percent = (bytes.len() as f64 * 100.0 / total.max(1.0)) as u32;
        if percent >= shown + 10 {
            shown = percent;
            player
                .loading
                .set(Some(format!("{} ({percent}%)", isolated(name))));
        }
    }
    if (bytes.len() as f64) < total {
        return Err(unreadable());
    }
    Ok(bytes)
}

/// Shows a transcript on its way in (an address fetched, text dragged in), with the loading
/// indicator up until its turns are on screen, saying how many turns it has if `announce`;
/// whether it was shown. The indicator goes in the task that shows the turns (or says what
/// failed): a frame with both it and the new message would push it down under the message, a
/// layout shift. Another transcript asked for meanwhile (`ticket`, see [`Player::start_load`])
/// takes over: this one is neither shown nor said to have failed, and the indicator is the
/// other's.
async fn show_when_read(player: Player, ticket: u64, source: Arriving<'_>, announce: bool) -> bool {
    let name = source.name.clone();
    let read = read_pausing(player, ticket, source).await;
    show_and_settle(player, ticket, read.map(|read| (name, read)), announce).await
}

/// Shows `shown` (a transcript read, and its name), if there is one and no other transcript was
/// asked for since `ticket`, and takes the loading indicator down (unless that other has it);
/// whether it was shown. Working out how long its turns take to say pauses for the page, and
/// showing is a task of its own.
async fn show_and_settle(
    player: Player,
    ticket: u64,
    shown: Option<(String, Read)>,
    announce: bool,
) -> bool {
    let mut loaded = None;
    if let Some((name, read)) = shown {
        let measures = TextMeasures::of_pausing(&read.doc, &mut pauses_for_the_page()).await;
        yield_to_page().await;
        loaded = Some(prepare(player, &name, read.key, read.doc, measures));
        yield_to_page().await;
    }
    if !player.still_wanted(ticket) {
        return false;
    }
    player.loading.set(None);
    let Some(loaded) = loaded else {
        return false;
    };
    show(player, loaded, announce);
    true
}

/// A transcript on its way in: a file being read, an address fetched, text dragged in.
struct Arriving<'a> {
    /// What messages call it: the file's name, the address's last segment.
    name: String,
    /// What a failure to arrive names: the file, or the whole address.
    from: String,
    /// Its bytes, or why they will not come (boxed: one build of the functions taking them).
    bytes: Pin<Box<dyn Future<Output = Result<Vec<u8>, String>> + 'a>>,
}

impl<'a> Arriving<'a> {
    fn new(
        name: &str,
        from: &str,
        bytes: impl Future<Output = Result<Vec<u8>, String>> + 'a,
    ) -> Arriving<'a> {
        Arriving {
            name: name.to_owned(),
            from: from.to_owned(),
            bytes: Box::pin(bytes),
        }
    }
}

fn is_audio(file: &web_sys::File) -> bool {
    let kind = file.type_();
    if kind.starts_with("audio/") || kind.starts_with("video/") {
        return true;
    }
    is_audio_name(&file.name())
}

/// Whether a file or address named `name` is audio, by its extension.
pub fn is_audio_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| AUDIO_EXTENSIONS.contains(&ext))
}

/// Whether `url` is one we may load: http(s), relative, or blob: — never `javascript:` or `data:`.
pub fn allowed_url(url: &str) -> bool {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match scheme_end {
        // No scheme before the path: a relative address.
        Some(at) if path_start.is_none_or(|p| at < p) => {
            matches!(
                url[..at].to_ascii_lowercase().as_str(),
                "http" | "https" | "blob"
            )
        }
        _ => true,
    }
}

/// Makes the audio at `url` drive the clock, if it is an address we may load.
pub fn play_along(player: Player, url: &str) {
    if allowed_url(url) {
        player.clock.set_audio_source(url);
    } else {
        player.say_about(
            MessageKind::Error,
            url,
            "only http(s) and relative addresses can be played",
        );
    }
}

/// Fetches a transcript from `url` and shows it (unless another is asked for meanwhile).
pub async fn fetch_transcript(player: Player, url: String) -> bool {
    fetch_and_show(player, player.start_load(), url, true).await
}

/// [`fetch_transcript`] with a ticket taken before, saying how many turns it has if `announce`.
async fn fetch_and_show(player: Player, ticket: u64, url: String, announce: bool) -> bool {
    if !allowed_url(&url) {
        player.say_not_shown(
            Some(&url),
            "only http(s) and relative addresses can be loaded",
        );
        return false;
    }
    let fetched = Arriving::new(name_in(&url), &url, fetch_bytes(&url));
    show_when_read(player, ticket, fetched, announce).await
}

/// What an address is called in messages: its last path segment ("episode.vtt").
pub fn name_in(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or(url)
}

/// A transcript that has not arrived after this long will not: say so rather than spin forever.
const FETCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let abort = web_sys::AbortController::new().map_err(|_| "could not be fetched".to_owned())?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&abort.signal()));
    let timer = {
        let abort = abort.clone();
        set_timeout_with_handle(move || abort.abort(), FETCH_TIMEOUT).ok()
    };
    let result = fetch_body(url, &init, &abort).await;
    if let Some(timer) = timer {
        timer.clear();
    }
    result
}

async fn fetch_body(
    url: &str,
    init: &web_sys::RequestInit,
    abort: &web_sys::AbortController,
) -> Result<Vec<u8>, String> {
    let failed = |what: &str| {
        if abort.signal().aborted() {
            format!(
                "no answer after {} seconds (the server is slow or unreachable)",
                FETCH_TIMEOUT.as_secs()
            )
        } else {
            what.to_owned()
        }
    };
    let response = JsFuture::from(window().fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| failed("could not be fetched (offline, or the server does not allow it)"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response".to_owned())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| "could not be read".to_owned())?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| failed("could not be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// What the page starts with: `?transcript=`/`?audio=`, else the last transcript and audio
/// file, else the demo.
pub fn start(player: Player) {
    let audio = page_parameter("audio");
    let transcript = page_parameter("transcript");
    match &audio {
        Some(audio) => play_along(player, audio),
        // An address asked for is another episode than the one the kept audio is of.
        None if transcript.is_none() => leptos::task::spawn_local(restore_last_audio(player)),
        None => {}
    }
    // One ticket for the whole way down: a transcript the reader drops or pastes meanwhile ends it.
    let ticket = player.start_load();
    leptos::task::spawn_local(async move {
        if let Some(url) = transcript {
            if fetch_and_show(player, ticket, url, true).await || !player.still_wanted(ticket) {
                return;
            }
        }
        match storage::load_last_transcript().await {
            _ if !player.still_wanted(ticket) => return,
            Ok(kept) if !kept.is_empty() => {
                if restore(player, ticket, kept).await || !player.still_wanted(ticket) {
                    return;
                }
                // Said why above; not to be tried again on every visit.
                storage::forget_last_transcript().await;
            }
            Ok(_) => {}
            Err(discarded) => player.say(MessageKind::Error, discarded.0),
        }
        fetch_and_show(player, ticket, DEMO_TRANSCRIPT.to_owned(), false).await;
    });
}

/// Shows the transcript kept at the last visit, `files` (its name and bytes, and those of the
/// transcripts joined to it), as it was shown then; whether it was.
async fn restore(player: Player, ticket: u64, files: Vec<(String, Vec<u8>)>) -> bool {
    let sources = files
        .into_iter()
        .map(|(name, bytes)| Arriving::new(&name, &name, std::future::ready(Ok(bytes))));
    !show_sources(player, ticket, sources.collect())
        .await
        .is_empty()
}

/// Takes `?name=` out of the page's address, in place (no reload, no step in the history): the
/// reader opened a transcript or audio of their own, which a reload is to come back to (it
/// came back to the address's audio, beside the reader's transcript), and which a link copied
/// from the page is not to name.
fn address_asks_no_more(name: &str) {
    let Some(url) =
        (window().location().href().ok()).and_then(|href| web_sys::Url::new(&href).ok())
    else {
        return;
    };
    let params = url.search_params();
    if params.has(name) {
        params.delete(name);
        if let Ok(history) = window().history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
        }
    }
}

/// The page address's query parameter `name`, if it is there and not empty.
fn page_parameter(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
        .filter(|v| !v.is_empty())
}
