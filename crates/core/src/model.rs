//! The document model every reader produces and every exporter and view consumes.
//!
//! It is deliberately format-neutral: a WebVTT cue, an SRT cue, a Podcasting 2.0 speaker run and a
//! hand-written `[00:01:11] Lenny` block all become a [`Turn`]. Text is stored once, as plain text
//! with style ranges beside it, so search, sentence splitting and exporters read it without
//! stripping markup again, and nothing in it can ever be mistaken for HTML.

use std::fmt;
use std::ops::Range;

use super::time::Millis;

/// A transcript as read: header, turns in order, and what the reader had to say about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Which reader produced it.
    pub format: Format,
    /// The episode or document title, from the header (`# CHIP HUYEN`) or a WebVTT/JSON field.
    pub title: Option<String>,
    /// The header's other lines, in order (show, credits, subtitle), markup removed.
    pub metadata: Vec<String>,
    /// Languages in order of first appearance; the first is taken to be the spoken one.
    pub languages: Vec<Lang>,
    /// Speaker names in order of first appearance; turns refer to them by index.
    pub speakers: Vec<String>,
    /// Turns in source order, but a caption file's in time order
    /// (`read_cues::pair_by_times`): the bilingual layout's are not necessarily sorted
    /// by time (the timeline sorts).
    pub turns: Vec<Turn>,
    /// Headings between turns (`## Part 2`), for an outline.
    pub headings: Vec<Heading>,
    /// What the reader noticed and what it did about it.
    pub diagnostics: Vec<Diagnostic>,
    /// The source gave no times: the turns' starts are estimates, shown as such.
    pub estimated_starts: bool,
    /// Its Chinese is written in traditional characters (Taiwan's, Hong Kong's), as its
    /// commonest characters show, or where they do not, as the file's language codes say
    /// (`zh-TW`, `zh-Hant`) ([`Document::lang_tag`]).
    pub traditional_chinese: bool,
    /// Where each of `speakers` is, found by its name ([`Document::speaker_id`]).
    pub(crate) speaker_index: NameIndex,
    /// The source told some of its lines' languages (WebVTT's `<lang es>`, TTML's `xml:lang`, the
    /// bilingual layout's labels):
    /// those stand, and the whole is not judged by its words when finished.
    pub(crate) languages_told: bool,
    /// While a caption reader reads: cues of two Latin-script lines run on as one paragraph,
    /// though the words of one or both did not say their language (`Thank you.` over
    /// `Gracias.`), as the turn's index and where the second line starts. Read apart or left
    /// run on when every cue is read ([`crate::read_cues::split_undecided_lines`]).
    pub(crate) undecided_lines: Vec<(u32, u32)>,
    /// While a caption reader reads: cues of two lines that their words or script said are in
    /// one language (a Spanish film's, two Spanish lines a cue), against which the pairs of
    /// languages weigh ([`crate::read_cues::split_undecided_lines`]).
    pub(crate) one_language_cues: u32,
    /// The language the file names for itself (WebVTT's header `Language: de`, as YouTube
    /// writes it), for the lines whose script and words alone were asked.
    pub(crate) said_language: Option<Lang>,
    /// The form of Chinese the file's first language code to name one names (`zh-TW`,
    /// `zh-Hant`: traditional; `zh-CN`, `zh-Hans`: simplified), for a text too short to show
    /// it by its characters ([`Document::language_named`]).
    pub(crate) said_traditional: Option<bool>,
}

/// Where each of a list of names is in it, by a hash of the name: a name is found at once however
/// long the list. (Looked for down the list, a file whose every turn names another speaker took
/// minutes: 200,000 turns, 4 MB, 7 minutes.)
///
/// Derived from the list, and built again whenever the list holds another number of names than
/// it placed (a reader that clears the list, a document built by hand): two documents with the
/// same speakers are equal whatever their indexes hold.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    /// A power of two of slots, at most half of them full: each a place in the list, or
    /// `u32::MAX` for none. A name goes in the first free slot from where its hash points.
    slots: Vec<u32>,
    /// How many of the list's names the slots hold.
    placed: usize,
}

impl PartialEq for NameIndex {
    fn eq(&self, _: &NameIndex) -> bool {
        true
    }
}

impl NameIndex {
    const EMPTY: u32 = u32::MAX;

    /// Where `name` is in a list of `len` names (`name_at(i)` the `i`th), if it is.
    // (Only [`ById`] looks a name up without adding it.)
    #[cfg_attr(not(any(feature = "ttml", feature = "ass")), allow(dead_code))]
    pub(crate) fn position<'a>(
        &mut self,
        len: usize,
        name_at: impl Fn(usize) -> &'a str,
        name: &str,
    ) -> Option<usize> {
        let at = self.find(len, &name_at, name);
        (self.slots[at] != Self::EMPTY).then_some(self.slots[at] as usize)
    }

    /// Where `name` is in a list of `len` names; if it is in none, the place of the name the
    /// caller is to add at the end, `len`, and `false`.
    pub(crate) fn place<'a>(
        &mut self,
        len: usize,
        name_at: impl Fn(usize) -> &'a str,
        name: &str,
    ) -> (usize, bool) {
        let at = self.find(len, &name_at, name);
        if self.slots[at] == Self::EMPTY {
            self.slots[at] = len as u32;
            self.placed = len + 1;
            return (len, false);
        }
        (self.slots[at] as usize, true)
    }

    /// The slot of `name`, or the free slot where it would go, the slots first built again if
    /// the list has changed or they are half full.
    fn find<'a>(&mut self, len: usize, name_at: &impl Fn(usize) -> &'a str, name: &str) -> usize {
        if self.placed != len || (len + 1) * 2 > self.slots.len() {
            let wanted = ((len + 1) * 2).next_power_of_two().max(16);
            self.slots.clear();
            self.slots.resize(wanted, Self::EMPTY);
            for i in 0..len {
                let at = self.slot(name_at, name_at(i));
                self.slots[at] = i as u32;
            }
            self.placed = len;
        }
        self.slot(name_at, name)
    }

    /// The slot holding `name`, or the free slot where it would go.
    fn slot<'a>(&self, name_at: &impl Fn(usize) -> &'a str, name: &str) -> usize {
        // FNV-1a: a few instructions a byte, and names are short.
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        let mask = self.slots.len() - 1;
        let mut at = (hash ^ (hash >> 32)) as usize & mask;
        loop {
            match self.slots[at] {
                Self::EMPTY => return at,
                i if name_at(i as usize) == name => return at,
                _ => at = (at + 1) & mask,
            }
        }
    }
}

/// Values by the ids or names a document gives them (TTML's styles and agents, ASS's styles).
/// Found by [`NameIndex`], so that a document of many is read as fast as one of a few.
#[cfg_attr(not(any(feature = "ttml", feature = "ass")), allow(dead_code))]
pub(crate) struct ById<T> {
    pub(crate) values: Vec<(String, T)>,
    index: NameIndex,
}

impl<T> Default for ById<T> {
    fn default() -> ById<T> {
        ById {
            values: Vec::new(),
            index: NameIndex::default(),
        }
    }
}

#[cfg_attr(not(any(feature = "ttml", feature = "ass")), allow(dead_code))]
impl<T> ById<T> {
    pub(crate) fn get(&mut self, id: &str) -> Option<&T> {
        let values = &self.values;
        let at = self
            .index
            .position(values.len(), |i| values[i].0.as_str(), id)?;
        Some(&values[at].1)
    }

    /// Gives `id` its value (an id given twice keeps the later); its place, for [`ById::values`].
    pub(crate) fn set(&mut self, id: &str, value: T) -> usize {
        let values = &self.values;
        let (at, found) = self.index.place(values.len(), |i| values[i].0.as_str(), id);
        if found {
            self.values[at].1 = value;
        } else {
            self.values.push((id.to_owned(), value));
        }
        at
    }
}

/// The input format the content was recognised as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// The hand-written bilingual layout (also any plain or Markdown text).
    #[default]
    Bilingual,
    WebVtt,
    Srt,
    /// SubViewer, as YouTube Studio downloads captions (`.sbv`): SRT without cue numbers, its
    /// start and end joined by a comma.
    Sbv,
    PodcastJson,
    /// An HTML transcript (Podcasting 2.0's `text/html`: `<cite>`, `<time>`, `<p>`).
    Html,
    /// TTML or DFXP: XML captions (`<tt>`, a `<p>` a cue).
    Ttml,
    /// ASS or SSA (Advanced SubStation Alpha): `[Script Info]`, styles, `Dialogue:` events.
    Ass,
    /// LRC, timed lyrics: `[01:02.50]` a line.
    Lrc,
    /// SAMI (`.smi`): `<SYNC Start=…>` a cue, a `<P Class=…>` a language.
    Sami,
    /// MicroDVD (`.sub`): `{start}{end}text`, in frames; `|` between lines.
    MicroDvd,
    /// MPL2: `[start][end]text`, in tenths of a second; `|` between lines.
    Mpl2,
    /// A table, CSV or TSV (Whisper's `.tsv`, a spreadsheet's) or Markdown's (a chat
    /// assistant's): a header row naming the columns, a row a turn.
    Table,
    /// The JSON a speech-to-text service returns (AssemblyAI's, Deepgram's, …): its utterances,
    /// paragraphs or words, a turn at each change of speaker.
    ServiceJson(Service),
}

/// A speech-to-text service whose JSON is read ([`Format::ServiceJson`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    AssemblyAi,
    Deepgram,
    RevAi,
    AwsTranscribe,
    Speechmatics,
    AzureSpeech,
    GoogleCloud,
    /// YouTube's own caption JSON (`json3`, as `yt-dlp --sub-format json3` saves it).
    YouTube,
    /// whisper.cpp's (`-oj`): its segments under `transcription`, timed in `offsets`.
    WhisperCpp,
    /// Bilibili's closed captions, as its downloaders save them: a caption a member of `body`,
    /// its `from`, `to` and `content`.
    Bilibili,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Bilingual => "bilingual text",
            Format::WebVtt => "WebVTT",
            Format::Srt => "SRT",
            Format::Sbv => "SubViewer",
            Format::Html => "HTML",
            Format::Ttml => "TTML",
            Format::Ass => "ASS",
            Format::Lrc => "LRC",
            Format::Sami => "SAMI",
            Format::MicroDvd => "MicroDVD",
            Format::Mpl2 => "MPL2",
            Format::Table => "table (CSV, TSV or Markdown)",
            Format::PodcastJson => "Podcasting 2.0 JSON",
            Format::ServiceJson(service) => match service {
                Service::AssemblyAi => "AssemblyAI JSON",
                Service::Deepgram => "Deepgram JSON",
                Service::RevAi => "Rev.ai JSON",
                Service::AwsTranscribe => "Amazon Transcribe JSON",
                Service::Speechmatics => "Speechmatics JSON",
                Service::AzureSpeech => "Azure Speech JSON",
                Service::GoogleCloud => "Google Cloud Speech-to-Text JSON",
                Service::YouTube => "YouTube caption JSON",
                Service::WhisperCpp => "whisper.cpp JSON",
                Service::Bilibili => "Bilibili caption JSON",
            },
        }
    }
}

/// One speaker turn (or one subtitle cue).
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub start: Millis,
    /// The end the source states (cue end time); `None` where the source gives only starts.
    /// The timeline decides the effective end.
    pub end: Option<Millis>,
    /// Index into [`Document::speakers`].
    pub speaker: Option<u32>,
    /// One block per language, in the order they appear in the source.
    pub blocks: Vec<TextBlock>,
    /// Lines kept beside the turn that belong to no language block (a sign-off after the last turn).
    pub notes: Vec<Note>,
    /// 1-based line of the turn's start in the source.
    pub line: u32,
    /// The source gives this turn no time, among turns that have one (or marks it `[≈…]`): its
    /// start is an estimate. (A document whose starts are all estimated says so once, in
    /// [`Document::estimated_starts`].)
    pub estimated_start: bool,
}

impl Turn {
    pub fn new(start: Millis, line: u32) -> Turn {
        Turn {
            start,
            end: None,
            speaker: None,
            blocks: Vec::new(),
            notes: Vec::new(),
            line,
            estimated_start: false,
        }
    }

    /// The block in `lang`, if the turn has one.
    pub fn block(&self, lang: Lang) -> Option<&TextBlock> {
        self.blocks.iter().find(|b| b.lang == lang)
    }

    /// The block in `lang`, created at the end if missing.
    pub fn block_mut(&mut self, lang: Lang) -> &mut TextBlock {
        match self.blocks.iter().position(|b| b.lang == lang) {
            Some(i) => &mut self.blocks[i],
            None => {
                // Sized for the common case (two languages, one paragraph each): a transcript of
                // 10,000 turns would otherwise carry megabytes of spare capacity.
                if self.blocks.capacity() == 0 {
                    self.blocks.reserve_exact(2);
                }
                self.blocks.push(TextBlock {
                    lang,
                    paragraphs: Vec::with_capacity(1),
                    timings: Vec::new(),
                });
                self.blocks.last_mut().expect("just pushed")
            }
        }
    }

    /// Whether the turn has any text at all.
    pub fn is_empty(&self) -> bool {
        self.blocks
            .iter()
            .all(|b| b.paragraphs.iter().all(|p| p.text.is_empty()))
    }
}

/// Moves the text of `turns[from]` into `turns[into]`, as its other language (a translation,
/// a subtitle track's), with its notes, its speaker where `into` names none and its end where
/// later; `turns[from]` is left empty, for [`drop_joined`].
pub(crate) fn join_turn(turns: &mut [Turn], into: usize, from: usize) {
    let joining = std::mem::replace(&mut turns[from], Turn::new(Millis::ZERO, 0));
    let kept = &mut turns[into];
    kept.speaker = kept.speaker.or(joining.speaker);
    kept.end = kept.end.max(joining.end);
    kept.blocks.extend(joining.blocks);
    kept.notes.extend(joining.notes);
}

/// Removes the turns marked in `joined` (by their places), keeping the others' order.
pub(crate) fn drop_joined(turns: &mut Vec<Turn>, joined: &[bool]) {
    let mut index = 0;
    turns.retain(|_| {
        index += 1;
        !joined[index - 1]
    });
}

/// A turn's text in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    pub lang: Lang,
    pub paragraphs: Vec<Paragraph>,
    /// Timed ranges from the source (WebVTT inline timestamps, word-level JSON), in time order.
    pub timings: Vec<Timing>,
}

impl TextBlock {
    /// The timed word being said at `t` (an index into `timings`): the last one started by then,
    /// unless it has ended.
    pub fn timing_at(&self, t: Millis) -> Option<usize> {
        let index = self
            .timings
            .partition_point(|w| w.start <= t)
            .checked_sub(1)?;
        let ended = self.timings[index].end.is_some_and(|end| t >= end);
        (!ended).then_some(index)
    }

    /// The first time after `t` at which [`TextBlock::timing_at`] may answer otherwise
    /// (`None`: never again). Its answer can change only at a word's start or end, so this is
    /// the nearest of those ahead — found by looking at them all, since a source's word timings
    /// need not be in order.
    pub fn timing_steady_until(&self, t: Millis) -> Option<Millis> {
        self.timings
            .iter()
            .flat_map(|w| [Some(w.start), w.end])
            .flatten()
            .filter(|&at| at > t)
            .min()
    }

    /// The block as plain text, paragraphs joined by a blank line.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.write_plain_text(&mut out);
        out
    }

    /// Appends the block as plain text to `out`, paragraphs joined by a blank line.
    pub fn write_plain_text(&self, out: &mut String) {
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            out.push_str(&p.text);
        }
    }
}

/// A paragraph: plain text plus the ranges of it that are styled, and those that link somewhere.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// Non-overlapping, sorted byte ranges of `text` with their style.
    pub styles: Vec<StyledRange>,
    /// Non-overlapping, sorted byte ranges of `text` that link to a web address (Markdown's
    /// `[text](https://…)` and `<https://…>`). A link may start or end inside a styled range.
    pub links: Vec<Link>,
}

impl Paragraph {
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            ..Paragraph::default()
        }
    }

    /// Runs `next` on after this paragraph's text, as the next line of a cue goes on from the
    /// one above (a space between, but between two CJK characters), its styles and links with
    /// it: a style over both ends is one run. Where `next`'s text starts now.
    pub fn continue_with(&mut self, next: Paragraph) -> u32 {
        let joiner = match (self.text.chars().next_back(), next.text.chars().next()) {
            (Some(a), Some(b)) if !crate::script::joins_without_space(a, b) => " ",
            _ => "",
        };
        let end = self.text.len() as u32;
        let offset = end + joiner.len() as u32;
        self.text.push_str(joiner);
        self.text.push_str(&next.text);
        let mut styles = next.styles.into_iter().map(|r| r.shifted(offset));
        // Two lines in italics (`<i>` on each, or a style over a line break) are one run.
        let mut first = styles.next();
        if let (Some(last), Some(next)) = (self.styles.last_mut(), &first) {
            if last.end == end && next.start == offset && last.style == next.style {
                last.end = next.end;
                first = None;
            }
        }
        self.styles.extend(first.into_iter().chain(styles));
        self.links
            .extend(next.links.into_iter().map(|l| l.shifted(offset)));
        offset
    }

    /// Undoes [`Paragraph::continue_with`]: the text from `at` (a char boundary) on becomes a
    /// paragraph of its own, with its styles and links; this one keeps the text before, without
    /// the space that joined them. A range over both is cut in two.
    pub(crate) fn split_off(&mut self, at: u32) -> Paragraph {
        let end = self.text[..at as usize].trim_end().len() as u32;
        let tail = Paragraph {
            text: self.text[at as usize..].to_owned(),
            styles: tail_of(&self.styles, at),
            links: tail_of(&self.links, at),
        };
        self.text.truncate(end as usize);
        cut_at(&mut self.styles, end);
        cut_at(&mut self.links, end);
        tail
    }

    /// Drops the text before `at` (a char boundary): the styles and links on what is left move
    /// with it, and a range over both is cut at `at`.
    pub(crate) fn drop_before(&mut self, at: u32) {
        self.text.drain(..at as usize);
        moved_back(&mut self.styles, at);
        moved_back(&mut self.links, at);
    }

    /// Whether `link` (one of this paragraph's) shows its own address as its text
    /// (`<https://…>`).
    pub fn shows_address(&self, link: &Link) -> bool {
        self.text.get(link.start as usize..link.end as usize) == Some(link.url.as_str())
    }

    /// The paragraph cut into consecutive runs of one style and one link (or none), for
    /// rendering and exporting.
    pub fn runs(&self) -> impl Iterator<Item = Run<'_>> + '_ {
        let (mut pos, mut next_style, mut next_link) = (0usize, 0usize, 0usize);
        std::iter::from_fn(move || {
            if pos >= self.text.len() {
                return None;
            }
            let mut end = self.text.len();
            let style = range_at(&self.styles, &mut next_style, pos, &mut end)
                .map_or(Style::Plain, |i| self.styles[i].style);
            let link = range_at(&self.links, &mut next_link, pos, &mut end);
            let text = &self.text[pos..end];
            pos = end;
            Some(Run { text, style, link })
        })
    }

    /// The runs of the bytes `range` only (a sentence's part of the paragraph).
    pub fn runs_in(&self, range: Range<usize>) -> impl Iterator<Item = Run<'_>> + '_ {
        let mut offset = 0usize;
        self.runs().filter_map(move |run| {
            let (start, end) = (offset, offset + run.text.len());
            offset = end;
            let (from, to) = (start.max(range.start), end.min(range.end));
            // A range that is not this paragraph's (cut inside a character) yields nothing.
            (from < to)
                .then(|| self.text.get(from..to))
                .flatten()
                .map(|text| Run { text, ..run })
        })
    }
}

/// A run of a paragraph's text in one style, inside one link or none: what
/// [`Paragraph::runs`] yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run<'a> {
    pub text: &'a str,
    pub style: Style,
    /// Which of the paragraph's `links` the run is in.
    pub link: Option<usize>,
}

/// A byte range of a paragraph: a style's or a link's.
trait Ranged: Clone {
    fn span(&self) -> (u32, u32);
    fn span_mut(&mut self) -> (&mut u32, &mut u32);

    fn shifted(mut self, by: u32) -> Self {
        let (start, end) = self.span_mut();
        (*start, *end) = (*start + by, *end + by);
        self
    }
}

/// For [`Paragraph::runs`]: the index of the range of `ranges` (sorted, apart) that holds `pos`,
/// if one does, with `end` brought in to where it ends, or else to where the next one starts.
/// `next` is where to look from, moved past the ranges that end by `pos`.
fn range_at(
    ranges: &[impl Ranged],
    next: &mut usize,
    pos: usize,
    end: &mut usize,
) -> Option<usize> {
    while ranges
        .get(*next)
        .is_some_and(|r| r.span().1 as usize <= pos)
    {
        *next += 1;
    }
    let (start, stop) = ranges.get(*next)?.span();
    let holds = start as usize <= pos;
    *end = (*end).min(if holds { stop } else { start } as usize);
    holds.then_some(*next)
}

/// The ranges of `ranges` after `at`, counted from there (one over `at` cut at it).
fn tail_of<R: Ranged>(ranges: &[R], at: u32) -> Vec<R> {
    let mut tail = ranges.to_vec();
    moved_back(&mut tail, at);
    tail
}

/// Moves `ranges` back by `at`, as the text before `at` goes: what lay before it goes too, and a
/// range over it starts at 0.
fn moved_back(ranges: &mut Vec<impl Ranged>, at: u32) {
    ranges.retain_mut(|r| {
        let (start, end) = r.span_mut();
        (*start, *end) = (start.saturating_sub(at), end.saturating_sub(at));
        *start < *end
    });
}

/// Cuts `ranges` at `end`: what lies past it goes.
fn cut_at(ranges: &mut Vec<impl Ranged>, end: u32) {
    ranges.retain_mut(|r| {
        let (start, stop) = r.span_mut();
        *stop = (*stop).min(end);
        *start < *stop
    });
}

/// Inline style of a run of text. Markdown `*x*` is emphasis, `**x**` strong, `***x***` both,
/// `` `x` `` code; WebVTT/SRT `<i>` and `<b>` map to the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Emphasis,
    Strong,
    StrongEmphasis,
    Code,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StyledRange {
    pub start: u32,
    pub end: u32,
    pub style: Style,
}

impl Ranged for StyledRange {
    fn span(&self) -> (u32, u32) {
        (self.start, self.end)
    }
    fn span_mut(&mut self) -> (&mut u32, &mut u32) {
        (&mut self.start, &mut self.end)
    }
}

/// Bytes of a paragraph that link to `url`: an `http:`, `https:` or `mailto:` address (the
/// readers keep any other as text, so that a page showing the link runs nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub start: u32,
    pub end: u32,
    pub url: String,
}

impl Ranged for Link {
    fn span(&self) -> (u32, u32) {
        (self.start, self.end)
    }
    fn span_mut(&mut self) -> (&mut u32, &mut u32) {
        (&mut self.start, &mut self.end)
    }
}

/// A range of a paragraph with the time it is spoken, from the source. A block's ranges cover
/// each paragraph they time, end to end: the exporters write what they cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub start: Millis,
    pub end: Option<Millis>,
    /// Index of the paragraph in the block.
    pub paragraph: u32,
    /// Byte range in that paragraph's text.
    pub from: u32,
    pub to: u32,
}

/// A line kept beside a turn: not part of either language's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: u32,
    pub text: String,
}

/// A heading between turns; `before_turn` is the index of the turn that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub line: u32,
    pub level: u8,
    pub text: String,
    pub before_turn: u32,
}

/// The language of a text block. Known from a label, a tag or a code (`Español:`, `<lang es>`,
/// `--lang es`), or else guessed from the script, and for the Latin script from the words
/// (`script::latin_language`: Latin text is English unless its words say otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Zh,
    Ja,
    Ko,
    Es,
    Fr,
    De,
    It,
    Pt,
    Vi,
    Ru,
    Uk,
    El,
    Ar,
    He,
    Hi,
    Th,
    Nl,
    Sv,
    Pl,
    Tr,
    Id,
    Fa,
    Ur,
    Ro,
    Hu,
    Cs,
    Fi,
    /// Hanyu Pinyin, Chinese written in Latin letters with its tones marked (`Nǐ hǎo`): a
    /// learner's line beside the characters and their translation.
    Pinyin,
    /// Text with no letters to judge by (numbers, punctuation) or in a script we do not map.
    Und,
}

/// What is said of a language, in [`Lang`]'s order: one table rather than a `match` per
/// question, so that a language is added in one place.
struct Names {
    /// The BCP 47 code.
    code: &'static str,
    /// In English, for messages.
    english: &'static str,
    /// In itself, for menus.
    native: &'static str,
    /// The bilingual layout's label before a block in it.
    label: &'static str,
}

const NAMES: [Names; 30] = {
    const fn n(code: &'static str, english: &'static str, native: &'static str) -> Names {
        Names {
            code,
            english,
            native,
            label: native,
        }
    }
    [
        Names {
            label: "English",
            ..n("en", "English", "English")
        },
        Names {
            label: "中文翻译",
            ..n("zh", "Chinese", "中文")
        },
        n("ja", "Japanese", "日本語"),
        n("ko", "Korean", "한국어"),
        n("es", "Spanish", "Español"),
        n("fr", "French", "Français"),
        n("de", "German", "Deutsch"),
        n("it", "Italian", "Italiano"),
        n("pt", "Portuguese", "Português"),
        n("vi", "Vietnamese", "Tiếng Việt"),
        n("ru", "Russian", "Русский"),
        n("uk", "Ukrainian", "Українська"),
        n("el", "Greek", "Ελληνικά"),
        n("ar", "Arabic", "العربية"),
        n("he", "Hebrew", "עברית"),
        n("hi", "Hindi", "हिन्दी"),
        n("th", "Thai", "ไทย"),
        n("nl", "Dutch", "Nederlands"),
        n("sv", "Swedish", "Svenska"),
        n("pl", "Polish", "Polski"),
        n("tr", "Turkish", "Türkçe"),
        n("id", "Indonesian", "Bahasa Indonesia"),
        n("fa", "Persian", "فارسی"),
        n("ur", "Urdu", "اردو"),
        n("ro", "Romanian", "Română"),
        n("hu", "Hungarian", "Magyar"),
        n("cs", "Czech", "Čeština"),
        n("fi", "Finnish", "Suomi"),
        Names {
            label: "Pinyin",
            ..n("zh-Latn-pinyin", "Pinyin", "拼音")
        },
        Names {
            label: "Text",
            ..n("und", "an unknown language", "other language")
        },
    ]
};

impl Lang {
    /// Every language, in order.
    pub const ALL: [Lang; 30] = [
        Lang::En,
        Lang::Zh,
        Lang::Ja,
        Lang::Ko,
        Lang::Es,
        Lang::Fr,
        Lang::De,
        Lang::It,
        Lang::Pt,
        Lang::Vi,
        Lang::Ru,
        Lang::Uk,
        Lang::El,
        Lang::Ar,
        Lang::He,
        Lang::Hi,
        Lang::Th,
        Lang::Nl,
        Lang::Sv,
        Lang::Pl,
        Lang::Tr,
        Lang::Id,
        Lang::Fa,
        Lang::Ur,
        Lang::Ro,
        Lang::Hu,
        Lang::Cs,
        Lang::Fi,
        Lang::Pinyin,
        Lang::Und,
    ];

    fn names(self) -> &'static Names {
        &NAMES[self as usize]
    }

    /// The language's name in English, for messages.
    pub fn name(self) -> &'static str {
        self.names().english
    }

    /// The language's name in itself (`Español`, `中文`), for menus.
    pub fn native_name(self) -> &'static str {
        self.names().native
    }

    /// The BCP 47 code used in `lang` attributes and JSON.
    pub fn code(self) -> &'static str {
        self.names().code
    }

    /// The language of a BCP 47 code: the one whose code is the longest that it starts with,
    /// in whole parts (`zh-Latn-pinyin` Pinyin, `zh_CN` and `en-GB` Chinese and English).
    pub fn from_code(code: &str) -> Option<Lang> {
        let starts_with = |lang: &Lang| {
            let own = lang.code();
            code.get(..own.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(own))
                && matches!(code.as_bytes().get(own.len()), None | Some(b'-' | b'_'))
        };
        // From the end, where Pinyin's `zh-Latn-pinyin` stands after Chinese's `zh`.
        Lang::ALL.into_iter().rev().find(starts_with)
    }

    /// The label the bilingual layout writes before a block in this language.
    pub fn label(self) -> &'static str {
        self.names().label
    }

    /// Written in Latin letters, which tell it from English only by its words or a label (not
    /// Pinyin, which its tone marks tell).
    pub const fn is_latin(self) -> bool {
        matches!(
            self,
            Lang::En
                | Lang::Es
                | Lang::Fr
                | Lang::De
                | Lang::It
                | Lang::Pt
                | Lang::Vi
                | Lang::Nl
                | Lang::Sv
                | Lang::Pl
                | Lang::Tr
                | Lang::Id
                | Lang::Ro
                | Lang::Hu
                | Lang::Cs
                | Lang::Fi
        )
    }

    /// The language whose letters stand for this one's script where only the letters are
    /// asked ([`crate::script::script_lang`]): English for the Latin alphabet (Pinyin's too),
    /// Russian for Cyrillic, Arabic for Arabic's (Persian and Urdu letters included); each other
    /// its own.
    pub fn script(self) -> Lang {
        match self {
            lang if lang.is_latin() => Lang::En,
            Lang::Pinyin => Lang::En,
            Lang::Uk => Lang::Ru,
            Lang::Fa | Lang::Ur => Lang::Ar,
            lang => lang,
        }
    }

    /// Written right to left.
    pub fn is_right_to_left(self) -> bool {
        matches!(self, Lang::Ar | Lang::He | Lang::Fa | Lang::Ur)
    }
}

/// Something the reader noticed, tied to a 1-based line (0 when it concerns the whole input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: u32,
    pub kind: DiagnosticKind,
}

/// What a diagnostic is about. Each kind's message says what was found and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// The input is not text (binary data, an image): nothing could be read.
    NotText { reason: String },
    /// The input was empty or blank.
    Empty,
    /// Bytes that are not valid in the detected encoding were replaced with U+FFFD.
    InvalidBytes { encoding: &'static str },
    /// NUL bytes in a text (a file padded or damaged in a crash), left out.
    NulBytesLeftOut { count: usize },
    /// The input was decoded from a legacy encoding.
    Decoded { encoding: &'static str },
    /// A bracketed time that is not a valid time; the line was kept as text.
    InvalidTime { found: String },
    /// A turn that starts before the turn above it; the timeline plays it in time order.
    OutOfOrder {
        start: Millis,
        previous: Millis,
        /// Moved to its place in time, as a caption file's cues are (their order in the file
        /// says nothing a player keeps); else kept where the file has it, and played in time.
        moved: bool,
    },
    /// A turn with no text in any language.
    EmptyTurn,
    /// A caption file's last cue is its times alone, with no text nor speaker: the file cut
    /// short (saved or copied mid-way). Left out, as nothing is said then.
    EmptyLastCue,
    /// A cue or segment whose end is before its start; its end was ignored.
    EndBeforeStart,
    /// A cue whose end time cannot be read; its end was derived as for a start-only transcript.
    UnreadableEnd { found: String },
    /// A cue timing line that could not be read; the cue's lines were kept as a note.
    BadCueTiming { found: String },
    /// A word's time (WebVTT's `<00:00:09.000>`) outside its cue, or before the word's before
    /// it: left out, the word timed by the times around it.
    WordTimeOutOfPlace { found: String },
    /// A TTML `<div>` or `<body>` whose `begin` cannot be read: the times inside it count from
    /// the start of what holds it.
    UnreadableOffset { found: String },
    /// Text before the first turn of a cue file or after a `---` that ends a turn: kept as a note.
    StrayText,
    /// A JSON segment (1-based) with no start time: given the previous segment's.
    MissingTime { segment: usize },
    /// A JSON segment whose end is before its start; its end was ignored.
    SegmentEndsBeforeStart { segment: usize },
    /// JSON that does not parse, or not in the Podcasting 2.0 shape; read as plain text.
    BadJson { message: String },
    /// A JSON segment's member whose value is not of its kind (`"startTime": "soon"`): passed
    /// over, quoted here.
    LeftOutValue {
        member: String,
        value: String,
        wanted: &'static str,
    },
    /// No timed turn was found at all.
    NoTurns,
    /// No turn has a time, but language labels mark its turns: their starts are estimated.
    EstimatedTimes,
    /// The turns' times are a clock's (a meeting's, from `first`): moved to count from the
    /// first turn.
    ClockTimes { first: Millis },
    /// A turn with no time among turns that have one (a name and a label after a `---`): its
    /// start is estimated from the length of the turn before.
    TurnWithoutTime { speaker: String },
    /// A labelled paragraph plainly in another language's script: filed under that language.
    NotInLabelledLanguage { label: Lang, found: Lang },
    /// Rolling captions: lines that repeat the line before, shown once.
    RepeatedLines { count: u32 },
    /// ASS events that repeat the event before them, at the same times (a layer drawn over
    /// another): shown once.
    LayeredEvents { count: u32 },
    /// A dialogue under times that name no one: `turns` of its turns start between two times,
    /// estimated from the length of the turns before.
    DialogueBetweenTimes { turns: u32 },
    /// The text was a Word or OpenDocument document's, each of its paragraphs a line with a blank
    /// line after it: the line numbers of the other notes count those (said only where there are
    /// such notes).
    FromDocument,
    /// A transcript in another language (`file`) was joined to this one: `paired` of its turns
    /// laid beside turns of this one, `alone` at times of their own (see [`crate::join`]).
    Joined {
        file: String,
        language: Lang,
        paired: u32,
        alone: u32,
        /// This one's turns joined to the one before them, where it splits what the joined
        /// file keeps whole.
        folded: u32,
        /// How its times were made to match this one's, said (`; its times moved 2.5 s
        /// earlier to match`), or nothing.
        times: String,
    },
    /// What the reader said of the joined transcript `file`, at its `line` (0: of the whole),
    /// as it said it.
    InJoinedFile {
        file: String,
        line: u32,
        said: String,
    },
    /// An LRC line under more times than its words can be repeated at (each turn holds them):
    /// a turn at the first `kept`, the line kept as a note.
    #[cfg(feature = "lrc")]
    TooManyTimes { kept: u32, of: u32 },
    /// The frame rate a MicroDVD file's frames were read at: the one it gives (`rate`), or,
    /// where it gives none (`rate` empty), the usual one; or the one the reader chose.
    #[cfg(feature = "microdvd")]
    FrameRate { rate: String, chosen: bool },
    /// A table's columns that are not read (`names`, each in backticks, by commas).
    #[cfg(feature = "tables")]
    ColumnsNotRead { names: String },
    /// A table's row whose start cannot be read (or is empty: `found`).
    #[cfg(feature = "tables")]
    UnreadableStart { found: String },
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DiagnosticKind::*;
        match self {
            NotText { reason } => write!(f, "not a transcript: {reason}"),
            Empty => write!(f, "the file is empty"),
            InvalidBytes { encoding } => {
                write!(
                    f,
                    "bytes that are not valid {encoding} were replaced with \u{FFFD}"
                )
            }
            Decoded { encoding } => write!(f, "decoded as {encoding}"),
            NulBytesLeftOut { count } => {
                write!(f, "{count} NUL bytes (which no text has) were left out")
            }
            InvalidTime { found } => write!(f, "`{found}` is not a valid time; kept as text"),
            OutOfOrder {
                start,
                previous,
                moved,
            } => match moved {
                true => write!(
                    f,
                    "turn at {start} is written after one at {previous}; shown and played in its \
                     place in time"
                ),
                false => write!(
                    f,
                    "turn at {start} starts before the turn above it ({previous}); played in time \
                     order"
                ),
            },
            EmptyTurn => write!(f, "turn has no text"),
            EmptyLastCue => write!(
                f,
                "the last cue has no text: the file may have been cut short; left out"
            ),
            EndBeforeStart => write!(f, "cue ends before it starts; its end was ignored"),
            UnreadableEnd { found } => {
                write!(f, "`{found}` is not a valid end time; the end was derived")
            }
            WordTimeOutOfPlace { found } => write!(
                f,
                "a word's time `{found}` is outside its cue or before the word before it; left out"
            ),
            BadCueTiming { found } => {
                write!(
                    f,
                    "`{found}` is not a cue timing line; the cue was kept as a note"
                )
            }
            UnreadableOffset { found } => write!(
                f,
                "`{found}` is not a valid time; the times inside count from the start of what holds it"
            ),
            StrayText => write!(f, "text outside any turn; kept as a note"),
            MissingTime { segment } => {
                write!(
                    f,
                    "segment {segment} has no start time; given the previous one's"
                )
            }
            SegmentEndsBeforeStart { segment } => {
                write!(f, "segment {segment} ends before it starts; its end was ignored")
            }
            BadJson { message } => write!(f, "not Podcasting 2.0 JSON ({message}); read as text"),
            LeftOutValue {
                member,
                value,
                wanted,
            } => write!(f, "\"{member}\": {value} left out ({wanted})"),
            NoTurns => write!(
                f,
                "no timed turns found; every line was kept as header text"
            ),
            NotInLabelledLanguage { label, found } => write!(
                f,
                "text in {} under the {} label; filed as {}",
                found.name(),
                label.name(),
                found.name()
            ),
            RepeatedLines { count } => write!(
                f,
                "rolling captions: {count} repeated lines left out (each line is shown once)"
            ),
            LayeredEvents { count: 1 } => write!(
                f,
                "an event repeats the one before it at the same times (a layer of one line); \
                 the line is shown once"
            ),
            LayeredEvents { count } => write!(
                f,
                "{count} events repeat the one before them at the same times (layers of one \
                 line); each line is shown once"
            ),
            #[cfg(feature = "lrc")]
            TooManyTimes { kept, of } => write!(
                f,
                "a line under {of} times is a turn at the first {kept}: its words in a turn at \
                 every one would not fit in memory; the line is kept as a note"
            ),
            #[cfg(feature = "tables")]
            ColumnsNotRead { names } if names.contains(", ") => write!(
                f,
                "the columns {names} are not read (each row's times, speaker and text are)"
            ),
            #[cfg(feature = "tables")]
            ColumnsNotRead { names } => write!(
                f,
                "the column {names} is not read (each row's times, speaker and text are)"
            ),
            #[cfg(feature = "tables")]
            UnreadableStart { found } if found.is_empty() => {
                write!(f, "the row has no start; it is given the start of the row above")
            }
            #[cfg(feature = "tables")]
            UnreadableStart { found } => write!(
                f,
                "`{found}` is not a valid time; the row is given the start of the row above"
            ),
            #[cfg(feature = "microdvd")]
            FrameRate { rate, chosen: true } => {
                write!(f, "frames read as times at {rate} a second, as chosen")
            }
            #[cfg(feature = "microdvd")]
            FrameRate { rate, .. } if rate.is_empty() => write!(
                f,
                "frames read as times at 23.976 a second, the rate most MicroDVD files are made \
                 for; a first line such as `{{1}}{{1}}25` gives the file's own"
            ),
            #[cfg(feature = "microdvd")]
            FrameRate { rate, .. } => {
                write!(f, "frames read as times at {rate} a second, as the file says")
            }
            DialogueBetweenTimes { turns } => write!(
                f,
                "a dialogue under the times: {turns} of its turns have no time of their own; \
                 their starts are estimated from the length of the turns before"
            ),
            TurnWithoutTime { speaker } => write!(
                f,
                "the turn of {speaker} has no time; its start is estimated from the length of the turn before"
            ),
            EstimatedTimes => write!(
                f,
                "no turn has a time; each start is estimated from the length of the text before it"
            ),
            ClockTimes { first } => write!(
                f,
                "the times are a clock's, the first {first}: each is counted from it, so the \
                 first turn starts at 0:00"
            ),
            Joined {
                file,
                language,
                paired,
                alone,
                folded,
                times,
            } => {
                write!(
                    f,
                    "{file} joined as the {} text: {paired} of its turns beside turns of this one, \
                     {alone} at times of their own",
                    language.name()
                )?;
                if *folded > 0 {
                    write!(
                        f,
                        "; {folded} of this one's turns joined to the one before, as it keeps \
                         their line whole"
                    )?;
                }
                f.write_str(times)
            }
            InJoinedFile { file, line: 0, said } => write!(f, "{file}: {said}"),
            InJoinedFile { file, line, said } => write!(f, "{file}, line {line}: {said}"),
            FromDocument => write!(
                f,
                "read from a word processor's document, each paragraph a line and a blank line after it (the line numbers count them)"
            ),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.kind)
        } else {
            write!(f, "{}", self.kind)
        }
    }
}

impl Document {
    /// Every time in it passed through `retimed`: the turns' starts and ends, their words', and
    /// the times its notes quote (a frame rate chosen again, a shift the listener chose).
    pub fn retime(&mut self, retimed: impl Fn(Millis) -> Millis) {
        let each = |t: &mut Millis| *t = retimed(*t);
        for turn in &mut self.turns {
            each(&mut turn.start);
            turn.end.iter_mut().for_each(each);
            for timing in turn.blocks.iter_mut().flat_map(|b| &mut b.timings) {
                each(&mut timing.start);
                timing.end.iter_mut().for_each(each);
            }
        }
        for note in &mut self.diagnostics {
            if let DiagnosticKind::OutOfOrder {
                start, previous, ..
            } = &mut note.kind
            {
                each(start);
                each(previous);
            }
        }
    }

    /// Moves every time `by` milliseconds later (earlier if negative), no further than keeps
    /// its earliest turn at or after 0:00 (so that moving back undoes it exactly), and returns
    /// how far they moved. A transcript out of step with its audio by a constant (an
    /// advertisement before the episode, a recording cut differently) is put in step.
    pub fn shift(&mut self, by: i64) -> i64 {
        let earliest = self.turns.iter().map(|t| t.start.0).min().unwrap_or(0);
        let latest = (self.turns.iter())
            .map(|t| t.end.unwrap_or(t.start).0)
            .max()
            .unwrap_or(0);
        let by = by.clamp(-(earliest as i64), (Millis::LATEST.0 - latest) as i64);
        if by != 0 {
            self.retime(|t| Millis(t.0.saturating_add_signed(by).min(Millis::LATEST.0)));
        }
        by
    }

    /// An empty document of `format`, with the notes made before it is read (decoding's).
    pub(crate) fn of(format: Format, diagnostics: Vec<Diagnostic>) -> Document {
        Document {
            format,
            diagnostics,
            ..Document::default()
        }
    }

    /// Index of `name` in the speaker list, adding it if new.
    pub fn speaker_id(&mut self, name: &str) -> u32 {
        // A name on one line: one written over several (a table's quoted cell, a JSON string)
        // has its line breaks as spaces, so that every writer can write it where a name goes.
        let one_line;
        let name = match memchr::memchr2(b'\n', b'\r', name.as_bytes()) {
            Some(_) => {
                one_line = name.split_whitespace().collect::<Vec<_>>().join(" ");
                one_line.as_str()
            }
            None => name,
        };
        let speakers = &self.speakers;
        let (at, found) = self
            .speaker_index
            .place(speakers.len(), |i| speakers[i].as_str(), name);
        if !found {
            self.speakers.push(name.to_owned());
        }
        at as u32
    }

    /// Names each turn's speaker anew, by its index before (`name`), and lists the names again
    /// in order of first appearance: two names that become one are one speaker.
    pub(crate) fn rename_speakers(&mut self, name: impl Fn(u32) -> String) {
        self.speakers.clear();
        self.speaker_index = NameIndex::default();
        let mut turns = std::mem::take(&mut self.turns);
        for turn in &mut turns {
            turn.speaker = turn.speaker.map(|id| self.speaker_id(&name(id)));
        }
        self.turns = turns;
    }

    /// Puts each heading before the turn that now stands where the turn it was before stood:
    /// `new_place[i]` is where old turn `i` went (its first part, or the turn it joined); a
    /// heading past every turn stays past them. For the turns made anew (merged, cut, left out).
    pub fn move_headings(&mut self, new_place: &[u32]) {
        let past = self.turns.len() as u32;
        for heading in &mut self.headings {
            heading.before_turn = new_place
                .get(heading.before_turn as usize)
                .map_or(past, |&at| at);
        }
    }

    /// Whether `turn`'s start is an estimate: the document's starts all are, or this one's is.
    pub fn start_is_estimated(&self, turn: &Turn) -> bool {
        self.estimated_starts || turn.estimated_start
    }

    pub fn speaker_name(&self, turn: &Turn) -> Option<&str> {
        turn.speaker
            .and_then(|i| self.speakers.get(i as usize))
            .map(String::as_str)
    }

    /// The header's lines as a reader takes them in: a credit's label standing alone on its line
    /// (`ORIGINAL BY`, `Translated by:`, `主持：`) joined to the line after it, which it names.
    /// WebVTT's settings for players (`Kind: captions`, `Language: en`,
    /// `X-TIMESTAMP-MAP=…`) are left out: they say nothing to a reader. The lines themselves
    /// stay as read in [`Document::metadata`] (exports write them back).
    pub fn header_items(&self) -> Vec<String> {
        let mut items: Vec<String> = Vec::with_capacity(self.metadata.len());
        let mut label_open = false;
        for line in self.metadata.iter().filter(|l| !self.is_for_players(l)) {
            let is_label = is_credit_label(line);
            match items.last_mut() {
                Some(label) if label_open && !is_label => {
                    // A full-width colon carries its own space.
                    if !label.ends_with('：') {
                        label.push(' ');
                    }
                    label.push_str(line);
                }
                _ => items.push(line.clone()),
            }
            label_open = is_label;
        }
        items
    }

    /// Whether header line `line` is one of WebVTT's settings for players (`Kind: captions`,
    /// `Language: en`, `X-TIMESTAMP-MAP=…`), which the WebVTT export writes back into its header.
    pub fn is_for_players(&self, line: &str) -> bool {
        self.format == Format::WebVtt
            && (line.starts_with("X-TIMESTAMP-MAP=")
                || ["Kind", "Language"]
                    .iter()
                    .any(|name| crate::read_cues::header_setting(line, name).is_some()))
    }

    pub fn warn(&mut self, line: u32, kind: DiagnosticKind) {
        self.diagnostics.push(Diagnostic { line, kind });
    }

    /// Whether the input could not be read as text at all (the CLI exits non-zero on this).
    pub fn unreadable(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| {
            matches!(
                d.kind,
                DiagnosticKind::NotText { .. } | DiagnosticKind::Empty
            )
        })
    }

    /// Fills [`Document::languages`] from the turns, in order of first appearance.
    pub(crate) fn collect_languages(&mut self) {
        let mut langs: Vec<Lang> = Vec::new();
        // A set of bits, one a language, rather than `langs.contains`, a call per block in the
        // size-optimised build.
        const _: () = assert!(Lang::ALL.len() <= 32);
        let mut seen = 0u32;
        for turn in &self.turns {
            for block in &turn.blocks {
                let bit = 1 << block.lang as u32;
                if seen & bit == 0 {
                    seen |= bit;
                    langs.push(block.lang);
                }
            }
        }
        self.languages = langs;
    }

    /// Files text with no letters to judge its language by (`♪ ♪`, `123`) under the document's
    /// main language, fills in the language list, and sorts diagnostics by line.
    pub(crate) fn finish(&mut self) {
        self.collect_languages();
        // Only where each line or paragraph was asked its script and words alone: a source
        // that tells languages (the bilingual layout's labels, WebVTT's `<lang>`) is believed.
        if !self.languages_told {
            self.file_under_said_language();
        }
        if !self.languages_told {
            if let Some(added) = self.arabic_script_language() {
                self.file_under(Lang::Ar, added);
            }
            if self.languages.contains(&Lang::Ja) && self.languages.contains(&Lang::Zh) {
                self.file_kanji_as_japanese();
            }
            if let Some(main) = self.latin_language_without_english() {
                self.file_under(Lang::En, main);
            } else if self
                .languages
                .iter()
                .any(|l| l.is_latin() && *l != Lang::En)
            {
                self.file_latin_blocks_by_their_words();
            }
        }
        if let Some(&main) = self.languages.iter().find(|&&l| l != Lang::Und) {
            if self.languages.contains(&Lang::Und) {
                self.file_under(Lang::Und, main);
            }
        }
        let mut forms = crate::script::HanForms::default();
        let chinese = self.turns.iter().flat_map(|t| &t.blocks);
        let chinese = chinese
            .filter(|b| b.lang == Lang::Zh)
            .flat_map(|b| &b.paragraphs);
        for paragraph in chinese {
            if !forms.count(&paragraph.text) {
                break;
            }
        }
        self.traditional_chinese = forms.told().or(self.said_traditional) == Some(true);
        crate::order::sort_stably_by_key(&mut self.diagnostics, |d| u64::from(d.line));
    }

    /// The BCP 47 tag of `lang`'s text here, for the page's `lang` attributes: its code, but
    /// `zh-Hant` for Chinese in traditional characters, which a browser draws in Taiwan's and
    /// Hong Kong's shapes (`骨`, `角`, `說`'s strokes) and reads aloud in their voices only so
    /// told. (The JSON shape keeps `zh`: a segment's text is found by its language.)
    pub fn lang_tag(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh if self.traditional_chinese => "zh-Hant",
            lang => lang.code(),
        }
    }

    /// The language a code in the file names (`xml:lang="zh-TW"`: Chinese), noting the form of
    /// Chinese it names, if it is the first to.
    pub(crate) fn language_named(&mut self, code: &str) -> Option<Lang> {
        let lang = Lang::from_code(code);
        if lang == Some(Lang::Zh) && self.said_traditional.is_none() {
            self.said_traditional = crate::script::traditional_by_code(code);
        }
        lang
    }

    /// A file that names its language (`Language: de`) and has no line it tells otherwise: the
    /// blocks in its writing (the Latin alphabet for German, Han characters for Japanese) are in
    /// that language, where only their letters or a short line's words were asked (`Ja.` read
    /// as English). Unless a turn holds two blocks in that writing, a pair read apart by their
    /// words (an English line over a German one), whose languages stand as read. Pinyin, told by
    /// its tone marks, stays Pinyin. Then the document's languages are told.
    fn file_under_said_language(&mut self) {
        let Some(said) = self.said_language.filter(|&l| l != Lang::Pinyin) else {
            return;
        };
        let writes_like = |lang: Lang| {
            lang != Lang::Pinyin
                && (lang.script() == said.script()
                    || matches!((lang, said), (Lang::Zh, Lang::Ja) | (Lang::Ja, Lang::Zh)))
        };
        let paired = self
            .turns
            .iter()
            .any(|turn| turn.blocks.iter().filter(|b| writes_like(b.lang)).count() > 1);
        if paired {
            return;
        }
        for lang in self.languages.clone() {
            if lang != said && writes_like(lang) {
                self.file_under(lang, said);
            }
        }
        self.languages_told = true;
    }

    /// A transcript in Persian or Urdu (one of them, not both) whose lines without the letters
    /// those add to the Arabic script (`من خوبم.`) were read as Arabic: that language, unless
    /// one of them writes a letter only Arabic writes (`ي`, `ك`, `ة`, `ى`, where Persian and
    /// Urdu write `ی`, `ک`, `ه`), as `Sí.` is Spanish in a Spanish film's subtitles.
    fn arabic_script_language(&self) -> Option<Lang> {
        let added = match (
            self.languages.contains(&Lang::Fa),
            self.languages.contains(&Lang::Ur),
        ) {
            (true, false) => Lang::Fa,
            (false, true) => Lang::Ur,
            _ => return None,
        };
        let arabic = self
            .turns
            .iter()
            .flat_map(|t| &t.blocks)
            .filter(|b| b.lang == Lang::Ar)
            .flat_map(|b| &b.paragraphs)
            .any(|p| p.text.contains(['ي', 'ك', 'ة', 'ى']));
        (self.languages.contains(&Lang::Ar) && !arabic).then_some(added)
    }

    /// A transcript mostly in Japanese (no fewer blocks of it than of Chinese), whose lines of
    /// kanji alone (`大丈夫`, `東京大学`) were read as Chinese by their script: those are Japanese,
    /// but those that write a character only Chinese writes
    /// ([`crate::script::writes_chinese_only`]). (Where most are Chinese, a line of Japanese
    /// among them is as likely a Chinese one's quote: `夢見る` beside `梦想`.)
    fn file_kanji_as_japanese(&mut self) {
        let (mut japanese, mut han) = (0, 0);
        for block in self.turns.iter().flat_map(|t| &t.blocks) {
            match block.lang {
                Lang::Ja => japanese += 1,
                Lang::Zh => han += 1,
                _ => {}
            }
        }
        if japanese < han {
            return;
        }
        for turn in &mut self.turns {
            let Some(i) = turn.blocks.iter().position(|b| b.lang == Lang::Zh) else {
                continue;
            };
            let mut paragraphs = turn.blocks[i].paragraphs.iter();
            if !paragraphs.any(|p| crate::script::writes_chinese_only(&p.text)) {
                file_block(turn, i, Lang::Ja);
            }
        }
        self.collect_languages();
    }

    /// A transcript in a Latin-script language other than English (a Spanish film's subtitles)
    /// was read as English where only the script was asked, and has lines whose words do not
    /// say their language (`Sí.`): unless enough of its English is plainly English (which an
    /// English transcript shows in its first blocks), the language most of its blocks' words
    /// say, if one does.
    fn latin_language_without_english(&self) -> Option<Lang> {
        if !self.languages.contains(&Lang::En) {
            return None;
        }
        let mut votes = [0usize; Lang::ALL.len()];
        let mut english = 0;
        let blocks = self.turns.iter().flat_map(|t| &t.blocks);
        for block in blocks.filter(|b| b.lang == Lang::En) {
            let Some(first) = block.paragraphs.first() else {
                continue;
            };
            match crate::script::latin_language(&first.text) {
                Some(Lang::En) => english += 1,
                Some(other) => votes[other as usize] += 1,
                None => {}
            }
            if english == PLAINLY_ENGLISH {
                return None;
            }
        }
        // Blocks already filed under a Latin language (a label's, a tag's) vote too, but those
        // beside an English block: a turn of both is a bilingual cue, whose words told its two
        // lines apart (a short English/Polish SRT is not Polish for its Polish lines).
        let alone = |t: &&Turn| !t.blocks.iter().any(|b| b.lang == Lang::En);
        for block in self.turns.iter().filter(alone).flat_map(|t| &t.blocks) {
            if block.lang.is_latin() && block.lang != Lang::En {
                votes[block.lang as usize] += 1;
            }
        }
        let (main, &most) = votes.iter().enumerate().max_by_key(|&(_, v)| v)?;
        (most > english).then_some(Lang::ALL[main])
    }

    /// In a transcript in English and another Latin-script language (read apart where two
    /// lines met in a cue, or labelled), an English block whose words say the other language (a
    /// cue of Spanish alone, which only its script was asked of) is filed under it.
    fn file_latin_blocks_by_their_words(&mut self) {
        for turn in &mut self.turns {
            let Some(i) = turn.blocks.iter().position(|b| b.lang == Lang::En) else {
                continue;
            };
            let said = turn.blocks[i].paragraphs.first();
            if let Some(other) = said
                .and_then(|p| crate::script::latin_language(&p.text))
                .filter(|&l| l != Lang::En)
            {
                file_block(turn, i, other);
            }
        }
        self.collect_languages();
    }

    /// Every block in `from` becomes `into`'s.
    fn file_under(&mut self, from: Lang, into: Lang) {
        for turn in &mut self.turns {
            if let Some(i) = turn.blocks.iter().position(|b| b.lang == from) {
                file_block(turn, i, into);
            }
        }
        self.collect_languages();
    }
}

/// Turn's block `i` in `into`, joining the turn's block in `into` where it has one (in the order
/// the two stand).
fn file_block(turn: &mut Turn, i: usize, into: Lang) {
    let Some(j) = turn.blocks.iter().position(|b| b.lang == into) else {
        turn.blocks[i].lang = into;
        return;
    };
    let later = turn.blocks.remove(i.max(j));
    let earlier = &mut turn.blocks[i.min(j)];
    let shift = earlier.paragraphs.len() as u32;
    earlier
        .timings
        .extend(later.timings.into_iter().map(|mut t| {
            t.paragraph += shift;
            t
        }));
    earlier.paragraphs.extend(later.paragraphs);
    earlier.lang = into;
}

/// English blocks plainly English (by their words) that make a transcript English, whatever else
/// it has: a few, so that an English transcript is told in its first blocks.
const PLAINLY_ENGLISH: usize = 3;

/// A short line that only announces what follows: `… by` (any case), or ending in a colon.
fn is_credit_label(line: &str) -> bool {
    let line = line.trim();
    let short = line.split_whitespace().count() <= 3 && line.chars().count() <= 24;
    let by = line
        .len()
        .checked_sub(3)
        .and_then(|at| line.get(at..))
        .is_some_and(|end| end.eq_ignore_ascii_case(" by"));
    short && (by || line.ends_with([':', '：']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_names_the_form_of_chinese_its_characters_do_not_show() {
        let tag = |source: &str| crate::read_str(source).lang_tag(Lang::Zh);
        let sami = "<SAMI>\n<HEAD>\n<STYLE TYPE=\"text/css\">\n<!--\n\
                    .TWCC { Name: Chinese; lang: zh-TW; SAMIType: CC; }\n\
                    -->\n</STYLE>\n</HEAD>\n<BODY>\n\
                    <SYNC Start=1000><P Class=TWCC>早安。\n\
                    <SYNC Start=3000><P Class=TWCC>你好嗎？\n</BODY>\n</SAMI>\n";
        assert_eq!(tag(sami), "zh-Hant");
        let lrc = "[00:01.00]Good morning\n[00:01.00][tr:zh-Hant]早安\n\
                   [00:04.00]How are you\n[00:04.00][tr:zh-Hant]你好嗎\n";
        assert_eq!(tag(lrc), "zh-Hant");
        let vtt = |language: &str, line: &str| {
            format!("WEBVTT\nLanguage: {language}\n\n00:00:01.000 --> 00:00:03.000\n{line}\n")
        };
        assert_eq!(tag(&vtt("zh-HK", "早安。")), "zh-Hant");
        assert_eq!(tag(&vtt("zh", "早安。")), "zh");
        assert_eq!(tag(&vtt("zh-Hans", "早安。")), "zh");
        // The characters, where they tell, over what the file says.
        assert_eq!(tag(&vtt("zh-CN", "我們說過這個問題。")), "zh-Hant");
        assert_eq!(tag(&vtt("zh-TW", "我们说过这个问题。")), "zh");
    }

    #[test]
    fn a_shift_moves_every_time_and_no_turn_before_the_start() {
        let vtt = "WEBVTT\n\n00:00:05.000 --> 00:00:07.000\n<v Ann>One <00:00:06.000>two\n\n\
                   00:00:09.000 --> 00:00:12.500\n<v Bob>Three\n";
        let read = crate::read_str(vtt);
        let times = |doc: &Document| -> Vec<(u64, Option<u64>, Vec<u64>)> {
            (doc.turns.iter())
                .map(|t| {
                    let words = t.blocks.iter().flat_map(|b| &b.timings).map(|w| w.start.0);
                    (t.start.0, t.end.map(|e| e.0), words.collect())
                })
                .collect()
        };
        assert_eq!(
            times(&read),
            [
                (5_000, Some(7_000), vec![5_000, 6_000]),
                (9_000, Some(12_500), vec![])
            ]
        );
        let mut doc = read.clone();
        assert_eq!(doc.shift(30_000), 30_000);
        assert_eq!(
            times(&doc),
            [
                (35_000, Some(37_000), vec![35_000, 36_000]),
                (39_000, Some(42_500), vec![])
            ]
        );
        // Back further than its first turn's start: as far as 0:00, and undone exactly.
        assert_eq!(doc.shift(-40_000), -35_000);
        assert_eq!(times(&doc)[0], (0, Some(2_000), vec![0, 1_000]));
        assert_eq!(doc.shift(5_000), 5_000);
        assert_eq!(doc, read);
        assert_eq!(Document::default().shift(-1_000), 0);
    }

    #[test]
    fn a_label_wins_over_the_words_of_its_text() {
        let doc = crate::read_str(
            "[00:01] Ann\nEnglish: Je ne sais quoi, c'est la vie, mais oui.\n\
             Español: No sé qué, así es la vida.\n",
        );
        let langs: Vec<Lang> = doc.turns[0].blocks.iter().map(|b| b.lang).collect();
        assert_eq!(langs, [Lang::En, Lang::Es]);
    }

    #[test]
    fn every_language_has_its_own_names_and_code() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(
                lang as usize, i,
                "Lang::ALL is in the enum's order, as NAMES is"
            );
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            let upper = lang.code().to_ascii_uppercase();
            assert_eq!(Lang::from_code(&format!("{upper}-x")), Some(lang));
            for other in &Lang::ALL[..i] {
                assert_ne!(other.code(), lang.code());
                assert_ne!(other.native_name(), lang.native_name());
                assert_ne!(other.label(), lang.label());
            }
        }
        assert_eq!(Lang::from_code("es_419"), Some(Lang::Es));
        assert_eq!(Lang::from_code("zh-Hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("zh-latn-pinyin"), Some(Lang::Pinyin));
        assert_eq!(Lang::from_code("zh-Latn"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("tlh"), None);
        assert_eq!(Lang::Zh.label(), "中文翻译");
        assert_eq!(Lang::Es.native_name(), "Español");
    }

    #[test]
    fn speakers_are_numbered_in_order_of_first_appearance_however_many() {
        let mut doc = Document::default();
        let names: Vec<String> = (0..1000).map(|i| format!("S{i}")).collect();
        for round in 0..2 {
            for (i, name) in names.iter().enumerate() {
                assert_eq!(doc.speaker_id(name), i as u32, "round {round}");
            }
        }
        assert_eq!(doc.speakers, names);
        // Cleared by a reader, or built by hand: the index follows the list.
        doc.speakers.clear();
        assert_eq!(doc.speaker_id("S5"), 0);
        doc.speakers.push("Ann".to_owned());
        assert_eq!(doc.speaker_id("Ann"), 1);
        assert_eq!(doc.speaker_id("S5"), 0);
        assert_eq!(doc.speakers, ["S5", "Ann"]);
    }

    #[test]
    fn a_credit_label_alone_on_its_line_is_joined_to_the_next() {
        let header = |lines: &[&str]| {
            Document {
                metadata: lines.iter().map(|l| l.to_string()).collect(),
                ..Document::default()
            }
            .header_items()
        };
        assert_eq!(
            header(&[
                "SHOW",
                "ORIGINAL BY",
                "Lenny",
                "@lenny",
                "Translated by:",
                "Ann"
            ]),
            ["SHOW", "ORIGINAL BY Lenny", "@lenny", "Translated by: Ann"]
        );
        assert_eq!(header(&["主持：", "张三"]), ["主持：张三"]);
        // A label followed by another label, or by nothing, stands alone.
        assert_eq!(
            header(&["WRITTEN BY", "EDITED BY", "Bo", "HOSTED BY"]),
            ["WRITTEN BY", "EDITED BY Bo", "HOSTED BY"]
        );
        // Longer lines that merely end so are content, not labels.
        assert_eq!(
            header(&["A story told and retold by", "someone"]),
            ["A story told and retold by", "someone"]
        );
        assert_eq!(header(&["Standby", "x"]), ["Standby", "x"]);
    }

    #[test]
    fn a_webvtt_files_settings_for_players_are_kept_but_not_shown() {
        let doc = crate::read_str(
            "WEBVTT\nKind: captions\nLanguage: en\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n\
             NOTE Transcribed by Ann\n\n00:01.000 --> 00:02.000\nHello.\n",
        );
        assert_eq!(doc.metadata.len(), 4);
        assert_eq!(doc.header_items(), ["Transcribed by Ann"]);
        // The same words in another format's header are its own.
        let doc = crate::read_str("# Title\nLanguage: en\n\n[00:00] Ann\nHello.\n");
        assert_eq!(doc.header_items(), ["Language: en"]);
    }

    #[test]
    fn the_language_a_file_names_takes_the_lines_in_its_writing() {
        let languages = |text: &str| crate::read_str(text).languages;
        let cues = "\n\n00:01.000 --> 00:02.000\n東京駅。\n\n00:03.000 --> 00:04.000\n本当？\n";
        assert_eq!(languages(&format!("WEBVTT{cues}")), [Lang::Zh]);
        assert_eq!(
            languages(&format!("WEBVTT\nLanguage: ja{cues}")),
            [Lang::Ja]
        );
        // A language in another writing leaves the lines to theirs.
        assert_eq!(
            languages(&format!("WEBVTT\nLanguage: de{cues}")),
            [Lang::Zh]
        );
        // A code no language of ours has, nor `<lang>`'s word, is not overruled.
        assert_eq!(
            languages(&format!("WEBVTT\nLanguage: tlh{cues}")),
            [Lang::Zh]
        );
        let tagged = "WEBVTT\nLanguage: de\n\n00:01.000 --> 00:02.000\n<lang es>Sí.\n";
        assert_eq!(languages(tagged), [Lang::Es]);
    }

    #[test]
    fn runs_of_a_range_cut_inside_a_character_are_empty_not_a_panic() {
        let doc = crate::read_str("[00:00:01] A\n中文翻译: 一句话。\n");
        let paragraph = &doc.turns[0].blocks[0].paragraphs[0];
        assert_eq!(paragraph.runs_in(0..3).count(), 1);
        assert_eq!(
            paragraph.runs_in(1..4).count(),
            0,
            "a range from another text"
        );
    }

    #[test]
    fn the_timed_word_at_a_time() {
        let word = |start: u64, end: Option<u64>, from: u32| Timing {
            start: Millis(start),
            end: end.map(Millis),
            paragraph: 0,
            from,
            to: from + 2,
        };
        let block = TextBlock {
            lang: Lang::En,
            paragraphs: vec![],
            timings: vec![
                word(1000, None, 0),
                word(2000, Some(2500), 3),
                word(4000, None, 6),
            ],
        };
        assert_eq!(block.timing_at(Millis(500)), None);
        assert_eq!(block.timing_at(Millis(1999)), Some(0));
        assert_eq!(block.timing_at(Millis(2200)), Some(1));
        assert_eq!(block.timing_at(Millis(3000)), None, "the word has ended");
        assert_eq!(block.timing_at(Millis(9000)), Some(2));
    }
}
