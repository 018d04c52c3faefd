//! `interlinear convert FILE --to FORMAT`: the core's readers and writers on the command line.
//!
//! Reads any transcript interlinear reads (the bilingual layout, WebVTT, SRT, Podcasting 2.0
//! JSON, in UTF-8, UTF-16, GB18030 or Big5) and prints it as JSON, WebVTT, SRT, the bilingual
//! layout or Podcasting 2.0 JSON for one language. Warnings go to stderr; unreadable input exits 1.

use std::io::{Read, Write};
use std::process::ExitCode;

use interlinear::core::{self, export, Document, Lang, LegacyEncoding, Timeline};

const USAGE: &str = "\
usage: interlinear convert FILE [--to FORMAT] [--lang CODE]

  FILE          a transcript, or - for standard input
  --to FORMAT   json (default), vtt, srt, md, podcast-json
  --lang CODE   the language for podcast-json (default: the first in the transcript)
  --quiet       do not print the reader's warnings";

const FORMATS: [&str; 5] = ["json", "vtt", "srt", "md", "podcast-json"];

struct Options {
    file: String,
    to: String,
    lang: Option<String>,
    quiet: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
        Some("-h" | "--help") | None => return Err("a command is needed".into()),
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let (mut file, mut to, mut lang, mut quiet) = (None, "json".to_owned(), None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--to" => to = args.next().ok_or("--to needs a format")?.clone(),
            "--lang" => lang = Some(args.next().ok_or("--lang needs a language code")?.clone()),
            "--quiet" | "-q" => quiet = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    let file = file.ok_or("a FILE (or -) is needed")?;
    if !FORMATS.contains(&to.as_str()) {
        return Err(format!(
            "unknown format `{to}` (one of: {})",
            FORMATS.join(", ")
        ));
    }
    Ok(Options {
        file,
        to,
        lang,
        quiet,
    })
}

fn convert(options: &Options) -> Result<(), String> {
    let bytes = if options.file == "-" {
        let mut buffer = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buffer)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buffer
    } else {
        std::fs::read(&options.file).map_err(|e| format!("cannot read {}: {e}", options.file))?
    };
    let doc = core::documents::read(&bytes, inflate)
        .unwrap_or_else(|| core::read_with(&bytes, decode_legacy));
    if let Some(why) = doc.unreadable() {
        return Err(format!("{}: {why}", options.file));
    }
    if !options.quiet {
        // Buffered: standard error writes each piece of a line at once, and a file of 200,000
        // warnings (every cue out of order) spent 4 s in those writes.
        let mut warnings = std::io::BufWriter::new(std::io::stderr().lock());
        for d in &doc.diagnostics {
            // A warning that cannot be written (stderr closed) stops no conversion.
            let _ = writeln!(warnings, "{}: {d}", options.file);
        }
    }
    let timeline = Timeline::new(&doc, None);
    let output = match options.to.as_str() {
        "json" => export::to_json(&doc, &timeline),
        "vtt" => export::to_vtt(&doc, &timeline),
        "srt" => export::to_srt(&doc, &timeline),
        "md" => export::to_bilingual(&doc, &timeline),
        _ => export::to_podcast_json(
            &doc,
            &timeline,
            podcast_lang(&doc, options.lang.as_deref())?,
        ),
    };
    std::io::stdout()
        .lock()
        .write_all(output.as_bytes())
        .map_err(|e| format!("cannot write: {e}"))
}

fn podcast_lang(doc: &Document, code: Option<&str>) -> Result<Lang, String> {
    let available = doc
        .languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(", ");
    match code {
        None => doc
            .languages
            .first()
            .copied()
            .ok_or_else(|| "the transcript has no text".into()),
        Some(code) => match Lang::from_code(code) {
            Some(lang) if doc.languages.contains(&lang) => Ok(lang),
            _ => Err(format!(
                "no `{code}` text in the transcript (it has: {available})"
            )),
        },
    }
}

/// GB18030/GBK and Big5 need tables; natively they come from encoding_rs.
fn decode_legacy(encoding: LegacyEncoding, bytes: &[u8]) -> Option<String> {
    let decoder = encoding_rs::Encoding::for_label(encoding.label().as_bytes())?;
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// A document's body, raw DEFLATE, inflated to no more than the `size` its archive states.
fn inflate(data: &[u8], size: usize) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, size).ok()
}
