//! `interlinear convert FILE --to FORMAT`: the core's readers and writers on the command line.
//!
//! Reads any transcript interlinear reads (the bilingual layout, WebVTT, SRT, SAMI, TTML, ASS,
//! LRC, Podcasting 2.0 JSON, HTML, Word documents; in UTF-8, UTF-16 or a legacy encoding, told
//! from the bytes or named with `--encoding`) and prints it as JSON, WebVTT, SRT, the bilingual
//! layout or Podcasting 2.0 JSON for one language; two files in two languages (a film's
//! subtitles, one file a language) are joined into one bilingual transcript first. Warnings go
//! to stderr; unreadable input, or a second file that cannot be joined, exits 1.

use std::io::{Read, Write};
use std::process::ExitCode;

use interlinear::core::{self, export, DiagnosticKind, Document, Lang, LegacyEncoding, Timeline};

const USAGE: &str = "\
usage: interlinear convert FILE [FILE…] [--to FORMAT] [--lang CODE] [--cue sentence]
                          [--encoding LABEL] [--quiet]

  FILE          a transcript, or - for standard input; each further FILE, in
                another language, is joined to it by time (subtitles in two files)
  --to FORMAT   json (default), vtt, srt, md, podcast-json
  --lang CODE   write this language's text alone (podcast-json: the transcript's
                first unless this is given; the other formats: every language)
  --encoding LABEL
                read the files in this encoding (windows-1250, koi8-r, iso-8859-2,
                shift_jis, …) where they are not UTF-8, rather than the one told from
                their bytes
  --cue sentence
                a cue (a segment, a turn) for each sentence and its translation, timed
                inside its turn, rather than one for each turn: captions for a video
  --quiet       do not print the reader's warnings";

const FORMATS: [&str; 5] = ["json", "vtt", "srt", "md", "podcast-json"];

struct Options {
    /// The transcript, then any to join to it.
    files: Vec<String>,
    to: String,
    lang: Option<String>,
    /// The encoding the files are in where they are not UTF-8, if the user names one.
    encoding: Option<&'static encoding_rs::Encoding>,
    /// A cue for each sentence (`--cue sentence`), not for each turn.
    by_sentence: bool,
    quiet: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Asked for, the usage is the answer: on standard output, and no error.
    let asked = |a: &String| matches!(a.as_str(), "-h" | "--help");
    if args.iter().any(asked) || args.first().is_some_and(|a| a == "help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse_args(&args) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("interlinear: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match convert(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("interlinear: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("convert") => {}
        None => return Err("a command is needed".into()),
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let (mut files, mut to, mut lang, mut quiet) = (Vec::new(), "json".to_owned(), None, false);
    let (mut encoding, mut by_sentence) = (None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--to" => to = args.next().ok_or("--to needs a format")?.clone(),
            "--lang" => lang = Some(args.next().ok_or("--lang needs a language code")?.clone()),
            "--cue" => match args.next().map(String::as_str) {
                Some("sentence") => by_sentence = true,
                Some("turn") => by_sentence = false,
                _ => return Err("--cue needs `sentence` or `turn`".into()),
            },
            "--encoding" => {
                let label = args.next().ok_or("--encoding needs an encoding's name")?;
                let named = encoding_rs::Encoding::for_label(label.as_bytes());
                encoding = Some(named.ok_or_else(|| format!("unknown encoding `{label}`"))?);
            }
            "--quiet" | "-q" => quiet = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            path => files.push(path.to_owned()),
        }
    }
    if files.is_empty() {
        return Err("a FILE (or -) is needed".into());
    }
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err("standard input (-) can be read once".into());
    }
    if !FORMATS.contains(&to.as_str()) {
        return Err(format!(
            "unknown format `{to}` (one of: {})",
            FORMATS.join(", ")
        ));
    }
    Ok(Options {
        files,
        to,
        lang,
        encoding,
        by_sentence,
        quiet,
    })
}

fn convert(options: &Options) -> Result<(), String> {
    let mut files = options.files.iter();
    let first = files.next().expect("a file, checked with the arguments");
    let mut doc = read(first, options)?;
    for file in files {
        let other = read(file, options)?;
        core::join::join(&mut doc, other, file)
            .map_err(|why| format!("{file}: not joined to {first}: {why}"))?;
        if !options.quiet {
            // The join's own note (the second's own were written as it was read).
            let joined =
                doc.diagnostics.iter().rev().find(
                    |d| matches!(&d.kind, DiagnosticKind::Joined { file: of, .. } if of == file),
                );
            eprintln!("{first}: {}", joined.expect("a note of the join"));
        }
    }
    let mut timeline = Timeline::new(&doc, None);
    if options.by_sentence {
        doc = export::by_sentence(&doc, &timeline, None);
        timeline = Timeline::new(&doc, None);
    }
    let lang = match options.lang.as_deref() {
        Some(code) => Some(lang_in(&doc, code)?),
        None if options.to == "podcast-json" => Some(first_lang(&doc)?),
        None => None,
    };
    if !options.quiet {
        if let Some(left_out) = left_out(&doc, &options.to, lang) {
            eprintln!("{first}: {left_out}");
        }
    }
    if let (Some(lang), false) = (lang, options.to == "podcast-json") {
        doc = in_one_language(doc, &timeline, lang);
        timeline = Timeline::new(&doc, None);
    }
    let output = match options.to.as_str() {
        "json" => export::to_json(&doc, &timeline),
        "vtt" => export::to_vtt(&doc, &timeline),
        // (SRT has no place for a title or a header: a file of nothing else would be empty.)
        "srt" if doc.turns.is_empty() => {
            return Err("nothing to write as SRT: the transcript has no turns".into())
        }
        "srt" => export::to_srt(&doc, &timeline),
        "md" => export::to_bilingual(&doc, &timeline),
        _ => export::to_podcast_json(&doc, &timeline, lang.expect("a language, chosen above")),
    };
    std::io::stdout()
        .lock()
        .write_all(output.as_bytes())
        .map_err(|e| format!("cannot write: {e}"))
}

/// The transcript in `file` (`-`: standard input), its reader's warnings written to standard
/// error unless `quiet`; an error if it is not one.
fn read(file: &str, options: &Options) -> Result<Document, String> {
    let bytes = if file == "-" {
        let mut buffer = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buffer)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buffer
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?
    };
    let doc = core::documents::read(&bytes, interlinear::inflate).unwrap_or_else(|| match options
        .encoding
    {
        Some(encoding) => read_in(encoding, &bytes),
        None => core::read_with(&bytes, decode_legacy),
    });
    if let Some(why) = doc.unreadable() {
        return Err(format!("{file}: {why}"));
    }
    if !options.quiet {
        // Buffered: standard error writes each piece of a line at once, and a file of 200,000
        // warnings (every cue out of order) spent 4 s in those writes.
        let mut warnings = std::io::BufWriter::new(std::io::stderr().lock());
        for d in &doc.diagnostics {
            // A warning that cannot be written (stderr closed) stops no conversion.
            let _ = writeln!(warnings, "{file}: {d}");
        }
    }
    Ok(doc)
}

/// The transcript's first language, which podcast-json writes unless another is asked for.
fn first_lang(doc: &Document) -> Result<Lang, String> {
    (doc.languages.first().copied())
        .ok_or_else(|| "nothing to write: the transcript has no turns".into())
}

/// The language `code` names, if the transcript has text in it.
fn lang_in(doc: &Document, code: &str) -> Result<Lang, String> {
    match Lang::from_code(code) {
        Some(lang) if doc.languages.contains(&lang) => Ok(lang),
        _ => {
            let codes: Vec<&str> = doc.languages.iter().map(|l| l.code()).collect();
            Err(format!(
                "no `{code}` text in the transcript (it has: {})",
                codes.join(", ")
            ))
        }
    }
}

/// What of `doc` the format `to` has no place for, said as a warning (with the language written
/// where only one is): a user publishing the file should know before others read it.
fn left_out(doc: &Document, to: &str, lang: Option<Lang>) -> Option<String> {
    let count = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 {what}")),
        n => Some(format!("{n} {what}s")),
    };
    if !matches!(to, "srt" | "podcast-json" | "json") {
        return None;
    }
    let notes = doc.turns.iter().map(|t| t.notes.len()).sum();
    let no_header = matches!(to, "srt" | "podcast-json");
    let title = (no_header && doc.title.is_some()).then(|| "the title".to_owned());
    let missing: Vec<String> = title
        .into_iter()
        .chain(count(
            if no_header { doc.metadata.len() } else { 0 },
            "header line",
        ))
        .chain(count(doc.headings.len(), "heading"))
        .chain(count(notes, "note"))
        .collect();
    let others: Vec<&str> = (doc.languages.iter())
        .filter(|&&l| Some(l) != lang)
        .map(|l| l.code())
        .collect();
    let written = match (to, lang) {
        ("podcast-json", Some(lang)) if !others.is_empty() => format!(
            "wrote the `{}` text (--lang {} for the other); ",
            lang.code(),
            others.join(" or --lang ")
        ),
        _ => String::new(),
    };
    (!missing.is_empty() || !written.is_empty()).then(|| match missing.is_empty() {
        true => written.trim_end_matches("; ").to_owned(),
        false => format!(
            "{written}{to} has no place for {}: left out (md keeps them)",
            missing.join(", ")
        ),
    })
}

/// `doc` with its text in `lang` alone, for a file of one language's captions (`--lang`): each
/// turn ends where it did with both (the timeline's end, kept as stated), turns without text in
/// it go, and their notes to the turn before them.
fn in_one_language(mut doc: Document, timeline: &Timeline, lang: Lang) -> Document {
    let mut kept: Vec<core::Turn> = Vec::with_capacity(doc.turns.len());
    let mut kept_before = Vec::with_capacity(doc.turns.len());
    let mut orphaned = Vec::new();
    for (i, mut turn) in std::mem::take(&mut doc.turns).into_iter().enumerate() {
        kept_before.push(kept.len() as u32);
        turn.end = Some(timeline.span(i).end);
        turn.blocks.retain(|b| b.lang == lang);
        match (turn.blocks.is_empty(), kept.last_mut()) {
            (false, _) => {
                turn.notes.splice(0..0, orphaned.drain(..));
                kept.push(turn);
            }
            (true, Some(before)) => before.notes.append(&mut turn.notes),
            (true, None) => orphaned.append(&mut turn.notes),
        }
    }
    doc.turns = kept;
    doc.move_headings(&kept_before);
    doc.languages = vec![lang];
    doc
}

/// `bytes` read in `encoding`, the one the user named: UTF-8 (or UTF-16 with its byte order
/// mark) as it is, anything else in that encoding, with a note naming it.
fn read_in(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Document {
    if std::str::from_utf8(bytes).is_ok()
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return core::read_with(bytes, decode_legacy);
    }
    let (text, _, _) = encoding.decode(bytes);
    let mut doc = core::read_str(&text);
    let note = core::Diagnostic {
        line: 0,
        kind: DiagnosticKind::Decoded {
            encoding: encoding.name(),
        },
    };
    doc.diagnostics.insert(0, note);
    doc
}

/// Legacy encodings need tables; natively they come from encoding_rs.
fn decode_legacy(encoding: LegacyEncoding, bytes: &[u8]) -> Option<String> {
    let decoder = encoding_rs::Encoding::for_label(encoding.label().as_bytes())?;
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}
