//! Word processors' documents, Word's (`.docx`) and OpenDocument text (`.odt`), read as the text
//! they show.
//!
//! Transcription services hand out their transcripts as Word documents as often as text (Rev,
//! Otter, Descript, Trint, Sonix), and a transcript someone translated by hand is as likely to
//! be one, in Word or in LibreOffice. Their text is the plain-text layouts the bilingual reader
//! already reads (`Speaker 1 (00:04):`, `[00:00:05] Name`, labels), so a document is unpacked to
//! that text, a paragraph a line with a blank line after it, and read as any text is.
//!
//! Both are ZIP archives whose body (`word/document.xml`, `content.xml`) is almost always
//! compressed with DEFLATE. Inflating is left to the caller, as legacy encodings are (`decode`):
//! the browser has `DecompressionStream`, so no inflater ships in the WebAssembly; the command
//! line uses a crate. Here is only what finds the compressed body and what turns its XML into
//! text.

use std::borrow::Cow;
use std::future::{ready, Future};

use super::decode::{self, Decoded, CHECKED_AT_A_TIME};
use super::model::{Diagnostic, DiagnosticKind, Document};
use super::read_bilingual::is_structural;
use super::Pause;

/// Which word processor's document a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Word's `word/document.xml`.
    Word,
    /// OpenDocument text's `content.xml` (LibreOffice, Google Docs' `.odt`).
    OpenDocument,
}

/// The body of a document as the archive holds it.
#[derive(Debug, PartialEq, Eq)]
pub enum Packed<'a> {
    /// Stored as it is.
    Stored(&'a [u8]),
    /// Compressed with raw DEFLATE (no zlib or gzip header): inflated, `size` bytes.
    Deflated { data: &'a [u8], size: usize },
}

/// Why a ZIP archive's text cannot be had: said to the reader as what the file is.
pub type NotADocument = &'static str;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
/// An OpenDocument archive's first file, stored, says what it is: only text is read (its
/// spreadsheets and presentations have a `content.xml` too).
const OPENDOCUMENT_TEXT: &[u8] = b"application/vnd.oasis.opendocument.text";
/// The largest body unpacked, whatever the archive says: a 10 MB transcript's is about 50 MB of
/// XML, and an archive may claim any size (or be built to inflate into gigabytes).
pub const LARGEST_BODY: usize = 512 << 20;

/// Whether `bytes` start as a ZIP archive does (a Word or OpenDocument document is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(&LOCAL_HEADER.to_le_bytes())
}

/// The body of the Word or OpenDocument text document in the ZIP archive `bytes`, or what the
/// archive is instead.
pub fn body(bytes: &[u8]) -> Result<(Kind, Packed<'_>), NotADocument> {
    const DAMAGED: NotADocument = "a damaged ZIP archive";
    let u16_at = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at.checked_add(2)?)?;
        Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = bytes.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    // A file of the archive, by its entry in the directory at `at`.
    let file = |at: usize| -> Result<Packed<'_>, NotADocument> {
        let field = |offset| u16_at(at + offset).ok_or(DAMAGED);
        if field(8)? & 1 != 0 {
            return Err("a document protected by a password");
        }
        let packed = u32_at(at + 20).ok_or(DAMAGED)? as usize;
        let size = u32_at(at + 24).ok_or(DAMAGED)? as usize;
        if size > LARGEST_BODY {
            return Err("a document larger than this reader unpacks (512 MB of text)");
        }
        let local = u32_at(at + 42).ok_or(DAMAGED)? as usize;
        if u32_at(local) != Some(LOCAL_HEADER) {
            return Err(DAMAGED);
        }
        let start =
            local + 30 + u16_at(local + 26).ok_or(DAMAGED)? + u16_at(local + 28).ok_or(DAMAGED)?;
        let data = bytes
            .get(start..start.saturating_add(packed))
            .ok_or(DAMAGED)?;
        match field(10)? {
            0 => Ok(Packed::Stored(data)),
            8 => Ok(Packed::Deflated { data, size }),
            _ => Err("a document compressed in a way this reader does not unpack"),
        }
    };
    // The directory's end is its last 22 bytes, but for a comment of at most 64 KB after them.
    let last = bytes.len().checked_sub(22).ok_or(DAMAGED)?;
    let end = (last.saturating_sub(0xFFFF)..=last)
        .rev()
        .find(|&at| u32_at(at) == Some(END_OF_DIRECTORY))
        .ok_or(DAMAGED)?;
    let entries = u16_at(end + 10).ok_or(DAMAGED)?;
    let mut at = u32_at(end + 16).ok_or(DAMAGED)? as usize;
    let (mut content, mut text_document) = (None, false);
    for _ in 0..entries {
        if u32_at(at) != Some(CENTRAL_HEADER) {
            return Err(DAMAGED);
        }
        let name_length = u16_at(at + 28).ok_or(DAMAGED)?;
        let name = bytes.get(at + 46..at + 46 + name_length).ok_or(DAMAGED)?;
        match name {
            b"word/document.xml" => return Ok((Kind::Word, file(at)?)),
            b"content.xml" => content = Some(at),
            b"mimetype" => {
                text_document = matches!(file(at), Ok(Packed::Stored(m)) if m == OPENDOCUMENT_TEXT)
            }
            _ => {}
        }
        at +=
            46 + name_length + u16_at(at + 30).ok_or(DAMAGED)? + u16_at(at + 32).ok_or(DAMAGED)?;
    }
    match content {
        Some(at) if text_document => Ok((Kind::OpenDocument, file(at)?)),
        _ => Err("a ZIP archive, not a Word or OpenDocument text document"),
    }
}

/// Reads the Word or OpenDocument text document `bytes` as [`crate::read_str`] reads text,
/// `inflate` unpacking its body (raw DEFLATE, to the size given; `None` if it cannot); `None`
/// if `bytes` are not a ZIP archive. One that holds no such document is said to be no
/// transcript, and why.
pub fn read(
    bytes: &[u8],
    inflate: impl FnOnce(&[u8], usize) -> Option<Vec<u8>>,
) -> Option<Document> {
    if !is_zip(bytes) {
        return None;
    }
    let inflated = |data, size| ready(inflate(data, size));
    Some(
        match crate::without_pauses(text_pausing_with(bytes, inflated, &mut || None)) {
            Ok(text) => noted(crate::read_str(&text)),
            Err(why) => crate::not_text(why.to_owned()),
        },
    )
}

/// The text of the document in the ZIP archive `bytes` (see [`text_of`]), its body unpacked by
/// `inflate` (raw DEFLATE, to the size given; `None` if it cannot), asking `pause` as
/// [`text_of_pausing`] does; or what the archive is instead.
pub async fn text_pausing_with<'a, Inflated>(
    bytes: &'a [u8],
    inflate: impl FnOnce(&'a [u8], usize) -> Inflated,
    pause: &mut Pause<'_>,
) -> Result<String, NotADocument>
where
    Inflated: Future<Output = Option<Vec<u8>>>,
{
    let (kind, packed) = body(bytes)?;
    let xml = match packed {
        Packed::Stored(xml) => Cow::Borrowed(xml),
        Packed::Deflated { data, size } => {
            Cow::Owned(inflate(data, size).await.ok_or(DAMAGED_BODY)?)
        }
    };
    Ok(text_of_pausing(kind, &xml, pause).await)
}

/// What a document is whose body does not unpack.
const DAMAGED_BODY: NotADocument = "a damaged document";

/// `doc`, read from a document's text, noting that it was where its notes give line numbers
/// (first, since it says what they count); a document without such notes is read without a
/// word about it.
pub fn noted(mut doc: Document) -> Document {
    if doc.diagnostics.iter().any(|d| d.line > 0) {
        let note = Diagnostic {
            line: 0,
            kind: DiagnosticKind::FromDocument,
        };
        doc.diagnostics.insert(0, note);
    }
    doc
}

/// The text of a document's body as unpacked (UTF-8, as both write it; anything else replaced,
/// not refused): see [`text`] and [`opendocument_text`].
pub fn text_of(kind: Kind, body: &[u8]) -> String {
    crate::without_pauses(text_of_pausing(kind, body, &mut || None))
}

/// [`text_of`], asking `pause` between pieces of a quarter of a megabyte: a 10 MB transcript's
/// body is some 13 MB of XML, which the browser took 70 ms to turn into text in one go.
async fn text_of_pausing(kind: Kind, body: &[u8], pause: &mut Pause<'_>) -> String {
    let xml = match decode::decode_pausing(body, pause).await {
        Decoded::Text(xml, _) => xml,
        _ => String::from_utf8_lossy(body),
    };
    match kind {
        Kind::Word => text_pausing(&xml, pause).await,
        Kind::OpenDocument => opendocument_text_pausing(&xml, pause).await,
    }
}

/// The text a Word document's body (`word/document.xml`) shows: each paragraph a line, then a
/// blank line; a line break in one (`<w:br/>`) a line of its own, a tab a tab. Only the text of
/// runs counts: deleted text (tracked changes), field codes, and the copy of a text box written
/// for older readers (`<mc:Fallback>`) are not shown by Word, and are left out.
pub fn text(xml: &str) -> String {
    crate::without_pauses(text_pausing(xml, &mut || None))
}

async fn text_pausing(xml: &str, pause: &mut Pause<'_>) -> String {
    let mut out = Lines::with_capacity(xml.len() / 4);
    // Inside `<w:t>`: its characters are text.
    let mut in_text = false;
    // Inside `<w:r>`, a run, where a `<w:tab/>` is a tab (in a paragraph's properties, it sets
    // a tab stop) and `<w:rPr>` holds the run's bold and italic (in a paragraph's properties, its
    // mark's).
    let mut in_run = false;
    let mut in_run_properties = false;
    let mut style = Emphasis::default();
    walk(xml, pause, |piece| {
        let (name, tag, opens) = match piece {
            Piece::Text(text) if in_text => {
                out.push_str(text, style);
                return None;
            }
            Piece::Text(_) => return None,
            Piece::Tag { name, tag, opens } => (name, tag, opens),
        };
        match name {
            "w:t" => in_text = opens,
            "w:r" => {
                in_run = opens;
                style = Emphasis::default();
            }
            "w:rPr" if in_run => in_run_properties = opens,
            "w:b" if in_run_properties => style.bold = is_on(tag),
            "w:i" if in_run_properties => style.italic = is_on(tag),
            "w:p" if !opens => out.end_line("\n\n"),
            "w:br" | "w:cr" if in_run => out.end_line("\n"),
            "w:tab" if in_run => out.push_str("\t", style),
            "w:noBreakHyphen" if in_run => out.push_str("-", style),
            "mc:Fallback" if opens => return Some("</mc:Fallback>"),
            _ => {}
        }
        None
    })
    .await;
    out.finish()
}

/// The text an OpenDocument text's body (`content.xml`) shows: each paragraph and heading a
/// line, then a blank line; a line break in one a line of its own, a tab a tab, `<text:s
/// text:c="3"/>` three spaces, and other runs of spaces one, as the format says. Footnotes,
/// comments and the deleted text of tracked changes are not in the text, and are left out.
/// (Emphasis is a named style there, not marked on the text: it is not kept.)
pub fn opendocument_text(xml: &str) -> String {
    crate::without_pauses(opendocument_text_pausing(xml, &mut || None))
}

async fn opendocument_text_pausing(xml: &str, pause: &mut Pause<'_>) -> String {
    let mut out = Lines::with_capacity(xml.len() / 4);
    let mut in_paragraph = false;
    let plain = Emphasis::default();
    walk(xml, pause, |piece| {
        let (name, tag, opens) = match piece {
            Piece::Text(text) if in_paragraph => {
                for (i, words) in text.split_ascii_whitespace().enumerate() {
                    let after_space = out.plain.is_empty() || out.plain.ends_with(' ');
                    if (i > 0 || text.starts_with(|c: char| c.is_ascii_whitespace()))
                        && !after_space
                    {
                        out.push_str(" ", plain);
                    }
                    out.push_str(words, plain);
                }
                if text.ends_with(|c: char| c.is_ascii_whitespace()) && !out.plain.ends_with(' ') {
                    out.push_str(" ", plain);
                }
                return None;
            }
            Piece::Text(_) => return None,
            Piece::Tag { name, tag, opens } => (name, tag, opens),
        };
        match name {
            "text:p" | "text:h" if opens => in_paragraph = true,
            "text:p" | "text:h" => {
                in_paragraph = false;
                out.end_line("\n\n");
            }
            "text:s" if in_paragraph => {
                let count = tag
                    .split("text:c=\"")
                    .nth(1)
                    .and_then(|c| c.split('"').next()?.parse::<usize>().ok())
                    .unwrap_or(1);
                out.push_str(&" ".repeat(count.min(64)), plain);
            }
            "text:tab" if in_paragraph => out.push_str("\t", plain),
            "text:line-break" if in_paragraph => out.end_line("\n"),
            "text:note" if opens => return Some("</text:note>"),
            "office:annotation" if opens => return Some("</office:annotation>"),
            "text:tracked-changes" if opens => return Some("</text:tracked-changes>"),
            _ => {}
        }
        None
    })
    .await;
    out.finish()
}

/// A piece of a document's XML, in order: text (an entity decoded), or a tag by its name.
enum Piece<'a> {
    Text(&'a str),
    Tag {
        name: &'a str,
        /// All of it between `<` and `>`, for its attributes.
        tag: &'a str,
        /// It opens an element with content (not `</…>` or `<…/>`).
        opens: bool,
    },
}

/// Hands each piece of `xml` to `visit`, asking `pause` every quarter of a megabyte. `visit`
/// may answer with the end tag of an element whose content is not shown, which is then passed
/// over to that tag.
async fn walk(
    xml: &str,
    pause: &mut Pause<'_>,
    mut visit: impl FnMut(Piece<'_>) -> Option<&'static str>,
) {
    let mut rest = xml;
    let mut paused_at = rest.len();
    while let Some(open) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        visit(Piece::Text(&rest[..open]));
        rest = &rest[open..];
        if rest.starts_with('&') {
            let (c, length) = super::read_cues::entity(rest).unwrap_or(('&', 1));
            visit(Piece::Text(c.encode_utf8(&mut [0; 4])));
            rest = &rest[length..];
            continue;
        }
        if paused_at - rest.len() >= CHECKED_AT_A_TIME {
            paused_at = rest.len();
            if let Some(paused) = pause() {
                paused.await;
            }
        }
        let Some(close) = memchr::memchr(b'>', rest.as_bytes()) else {
            break;
        };
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let opens = !closing && !tag.ends_with('/');
        if let Some(end) = visit(Piece::Tag { name, tag, opens }) {
            rest = rest.find(end).map_or("", |at| &rest[at..]);
        }
    }
    visit(Piece::Text(rest));
}

/// Whether a run property (`<w:b/>`, `<w:i w:val="0"/>`) is on: it is, but where its value says
/// off.
fn is_on(tag: &str) -> bool {
    !["w:val=\"0\"", "w:val=\"false\"", "w:val=\"off\""]
        .iter()
        .any(|off| tag.contains(off))
}

/// A run's bold and italic.
#[derive(Clone, Copy, Default, PartialEq)]
struct Emphasis {
    bold: bool,
    italic: bool,
}

/// The text being written, a line at a time: each line both plain and with its runs' bold and
/// italic as the bilingual layout's `**` and `*`, the marks moved off the spaces at a run's ends
/// (`* AI*` is no emphasis). A line that would be read as structure (a turn line, a label) is
/// written plain: the marks could only make it harder to read as what it is.
struct Lines {
    text: String,
    plain: String,
    marked: String,
    /// The marks open in `marked`, innermost last.
    open: Vec<&'static str>,
}

impl Lines {
    fn with_capacity(capacity: usize) -> Lines {
        Lines {
            text: String::with_capacity(capacity),
            plain: String::new(),
            marked: String::new(),
            open: Vec::new(),
        }
    }

    fn push_str(&mut self, s: &str, style: Emphasis) {
        self.plain.push_str(s);
        let words = s.trim_start();
        if words.is_empty() {
            // Spaces alone change no emphasis.
            self.marked.push_str(s);
            return;
        }
        let wanted = [(style.bold, "**"), (style.italic, "*")];
        // Closed down to the innermost mark no longer wanted, before the spaces that end the
        // text so far; then the spaces before these words, and the marks they open.
        if let Some(keep) = (0..self.open.len()).find(|&at| {
            let mark = self.open[at];
            !wanted.iter().any(|&(on, m)| on && m == mark)
        }) {
            self.close_down_to(keep);
        }
        self.marked.push_str(&s[..s.len() - words.len()]);
        for (on, mark) in wanted {
            if on && !self.open.contains(&mark) {
                self.marked.push_str(mark);
                self.open.push(mark);
            }
        }
        self.marked.push_str(words);
    }

    fn close_down_to(&mut self, keep: usize) {
        let spaces_at = self.marked.trim_end().len();
        let closing: String = self.open.drain(keep..).rev().collect();
        self.marked.insert_str(spaces_at, &closing);
    }

    /// The text, its last line ended.
    fn finish(mut self) -> String {
        self.end_line("");
        self.text
    }

    /// Ends the line, `end` after it.
    fn end_line(&mut self, end: &str) {
        self.close_down_to(0);
        // (A line with no marks is the same either way: no need to ask what it is.)
        let marks = self.marked.len() != self.plain.len();
        let line = match marks && is_structural(&self.plain) {
            true => &self.plain,
            false => &self.marked,
        };
        self.text.push_str(line);
        self.text.push_str(end);
        self.plain.clear();
        self.marked.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP archive of `files`, stored (not compressed), as a writer of archives makes one.
    fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut directory = Vec::new();
        for (name, data) in files {
            let local = out.len() as u32;
            let header = |signature: u32, out: &mut Vec<u8>, central: bool| {
                out.extend(signature.to_le_bytes());
                if central {
                    out.extend([20, 0]); // made by
                }
                out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method, time, date
                out.extend([0; 4]); // CRC-32 (unchecked here)
                out.extend((data.len() as u32).to_le_bytes());
                out.extend((data.len() as u32).to_le_bytes());
                out.extend((name.len() as u16).to_le_bytes());
                out.extend([0, 0]); // extra field
                if central {
                    out.extend([0; 6]); // comment, disk, internal attributes
                    out.extend([0; 4]); // external attributes
                    out.extend(local.to_le_bytes());
                }
                out.extend(name.as_bytes());
            };
            header(LOCAL_HEADER, &mut out, false);
            out.extend(*data);
            header(CENTRAL_HEADER, &mut directory, true);
        }
        let directory_at = out.len() as u32;
        let directory_size = directory.len() as u32;
        out.extend(directory);
        out.extend(END_OF_DIRECTORY.to_le_bytes());
        out.extend([0; 4]);
        out.extend((files.len() as u16).to_le_bytes());
        out.extend((files.len() as u16).to_le_bytes());
        out.extend(directory_size.to_le_bytes());
        out.extend(directory_at.to_le_bytes());
        out.extend([0, 0]);
        out
    }

    #[test]
    fn finds_the_body_among_the_archives_files() {
        let body_xml = b"<w:document/>";
        let archive = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", body_xml),
            ("word/styles.xml", b"<w:styles/>"),
        ]);
        assert!(is_zip(&archive));
        assert_eq!(body(&archive), Ok((Kind::Word, Packed::Stored(body_xml))));
        assert!(body(&zip(&[("notes.txt", b"hello")]))
            .unwrap_err()
            .contains("not a Word"));
        // OpenDocument: text, by the archive's `mimetype`; a spreadsheet is none.
        let content = b"<office:document-content/>";
        let odt = |kind: &[u8]| zip(&[("mimetype", kind), ("content.xml", content)]);
        let text_document = odt(b"application/vnd.oasis.opendocument.text");
        assert_eq!(
            body(&text_document),
            Ok((Kind::OpenDocument, Packed::Stored(content)))
        );
        let spreadsheet = odt(b"application/vnd.oasis.opendocument.spreadsheet");
        assert!(body(&spreadsheet)
            .unwrap_err()
            .contains("not a Word or OpenDocument"));
    }

    #[test]
    fn a_damaged_archive_is_said_to_be_one_at_any_length() {
        let archive = zip(&[("word/document.xml", b"<w:document/>")]);
        for length in 0..archive.len() {
            assert!(body(&archive[..length]).is_err(), "{length}");
        }
        let mut wrong_offset = archive.clone();
        let at = wrong_offset.len() - 6;
        wrong_offset[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(body(&wrong_offset), Err("a damaged ZIP archive"));
    }

    #[test]
    fn the_text_is_what_word_shows_a_paragraph_a_line() {
        let xml = concat!(
            r#"<?xml version="1.0"?><w:document><w:body>"#,
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:rPr><w:b/></w:rPr><w:t>Speaker 1</w:t></w:r><w:r><w:tab/><w:t>0:03</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">Fish &amp; chips, </w:t></w:r>"#,
            r#"<w:del><w:r><w:delText>not this</w:delText></w:r></w:del>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:t>&#x4F60;&#22909;</w:t><w:br/><w:t>well</w:t><w:noBreakHyphen/><w:t>known</w:t></w:r></w:p>"#,
            r#"<w:p/><w:p><w:r><mc:AlternateContent><mc:Choice><w:t>box</w:t></mc:Choice>"#,
            r#"<mc:Fallback><w:t>box again</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            r#"<w:sectPr/></w:body></w:document>"#,
        );
        assert_eq!(
            text(xml),
            "Speaker 1\t0:03\n\nFish & chips, 你好\nwell-known\n\n\n\nbox\n\n"
        );
    }

    /// Bold and italic runs are the layout's `**` and `*`: runs of one style as one, the marks
    /// off the spaces at their ends, nested where one style runs inside another, none where the
    /// property is off or the paragraph's mark's; a line that reads as structure is plain.
    #[test]
    fn bold_and_italic_runs_are_emphasis_but_in_lines_of_structure() {
        let run = |properties: &str, text: &str| {
            format!(
                r#"<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
            )
        };
        let paragraph = |runs: &[String]| format!("<w:p>{}</w:p>", runs.concat());
        let (b, i) = ("<w:b/>", "<w:i/>");
        let cases = [
            (
                paragraph(&[run(i, "AI "), run(i, "Engineering"), run("", ", a book")]),
                "*AI Engineering*, a book",
            ),
            (
                paragraph(&[
                    run("", "a "),
                    run(b, "b "),
                    run(&format!("{b}{i}"), "c"),
                    run(b, " d"),
                    run("", " e"),
                ]),
                "a **b *c* d** e",
            ),
            (
                paragraph(&[run("", "see"), run(i, " this "), run("", "here")]),
                "see *this* here",
            ),
            (
                paragraph(&[run(r#"<w:b w:val="0"/><w:i w:val="false"/>"#, "not bold")]),
                "not bold",
            ),
            (
                format!(
                    r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>{}</w:p>"#,
                    run("", "mark only")
                ),
                "mark only",
            ),
            (
                paragraph(&[run(b, "[00:00:05] Chip Huyen")]),
                "[00:00:05] Chip Huyen",
            ),
            (paragraph(&[run(b, "English:")]), "English:"),
        ];
        for (xml, expected) in cases {
            assert_eq!(text(&xml), format!("{expected}\n\n"), "{xml}");
        }
        // And the layout reads the marks as emphasis.
        let italic = paragraph(&[run(i, "AI Engineering"), run("", ", a book")]);
        let doc = crate::read_str(&format!("[00:00:01] A\n{}", text(&italic)));
        let read = &doc.turns[0].blocks[0].paragraphs[0];
        assert_eq!(read.text, "AI Engineering, a book");
        assert_eq!(read.styles.len(), 1);
    }

    /// A large body is turned into text a piece at a time, the caller asked between pieces, and
    /// the text is the same as in one go.
    #[test]
    fn a_large_body_pauses_between_pieces() {
        let paragraph =
            "<w:p><w:r><w:t>Speaker 1 (00:04): a line of the transcript.</w:t></w:r></w:p>";
        let xml = paragraph.repeat(CHECKED_AT_A_TIME * 3 / paragraph.len());
        let mut asked = 0;
        let mut pause = || {
            asked += 1;
            None
        };
        let text = crate::without_pauses(text_of_pausing(Kind::Word, xml.as_bytes(), &mut pause));
        assert_eq!(text, super::text(&xml));
        // Three pieces checked as UTF-8, then two pauses in the XML's three pieces.
        assert_eq!(asked, 5);
    }

    #[test]
    fn the_text_is_what_an_opendocument_shows_a_paragraph_a_line() {
        let xml = concat!(
            r#"<office:document-content><office:body><office:text>"#,
            r#"<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p>"#,
            r#"</text:deletion></text:changed-region></text:tracked-changes>"#,
            r#"<text:h text:outline-level="1">CHIP  HUYEN</text:h>"#,
            r#"<text:p text:style-name="P1">[00:00:00] Chip Huyen<text:tab/>here</text:p>"#,
            r#"<text:p>Fish &amp; <text:span text:style-name="T1">chips</text:span>,<text:s/>"#,
            r#"two<text:s text:c="3"/>three<text:note><text:note-body><text:p>a footnote</text:p>"#,
            r#"</text:note-body></text:note><office:annotation><text:p>a comment</text:p>"#,
            r#"</office:annotation><text:line-break/>你好</text:p><text:p/>"#,
            r#"<text:list><text:list-item><text:p>item</text:p></text:list-item></text:list>"#,
            r#"</office:text></office:body></office:document-content>"#,
        );
        assert_eq!(
            opendocument_text(xml),
            "CHIP HUYEN\n\n[00:00:00] Chip Huyen\there\n\nFish & chips, two   three\n你好\n\n\n\nitem\n\n"
        );
    }

    #[test]
    fn broken_xml_gives_what_it_can() {
        for xml in [
            "<w:p><w:r><w:t>cut",
            "<w:t>a &amp",
            "<w:t>&#xFFFFFFFF;",
            "<",
            "&",
            "<mc:Fallback>",
        ] {
            let _ = text(xml);
            let _ = opendocument_text(xml);
        }
        let spaces = opendocument_text("<text:p>cut <text:s text:c=\"99999\"/>");
        assert_eq!(spaces, format!("cut {}", " ".repeat(64)));
        assert_eq!(text("<w:t>a &bogus; b</w:t>"), "a &bogus; b");
    }
}
