//! Reader for transcripts kept as tables: Whisper's `.tsv` (`start`, `end`, `text`, times in
//! milliseconds), and the CSV or TSV a spreadsheet saves, a header row naming the columns and a
//! row a turn. Learners keep sentences beside their translations so, a column a language
//! (`English`, `中文`), timed or not: each row is one bilingual turn.
//!
//! The header is what makes a table a transcript: a start column and a text or language column,
//! or two language columns (a parallel text, whose starts are estimated). Other columns are
//! named in a diagnostic and not read; a row number's is dropped as SRT's cue numbers are. CSV's
//! quoting is read where a quoted cell ends at its delimiter (a line starting `"Yes," she said`
//! is words, not a quoted cell) within `MAX_QUOTED_LINES` lines, and between tabs only where a
//! cell needs it (Whisper quotes nothing, and its lines may be a quotation whole). Each cell's lines are read as a cue's (tags, entities, two lines
//! in two languages), and then the rows as cues ([`finish_cues`]).
//!
//! A Markdown pipe table (`| 时间 | 说话人 | English | 中文 |`), as chat assistants hand a
//! transcript back, is read as one too: its rows' outer `|`s are not cells, its delimiter row
//! (`|---|:---:|`) is not a row, and an escaped `\|` is a `|` of the text. It may stand under a few
//! lines of its own (a `# ` title, a sentence introducing it), which become the title and
//! metadata as the bilingual layout's header does; lines after it, or between its rows, that are
//! not rows are notes on the turn above.

use std::borrow::Cow;

use crate::decimal;
use crate::inline::plain_text;
use crate::lines::Lines;
use crate::model::{DiagnosticKind, Document, Format, Lang, Turn};
use crate::read_bilingual::{file_header, label_lang, strip_heading, HeaderLine};
use crate::read_cues::{
    add_line, fill_turn, finish_cues, keep_aside, payload_line, Carried, Piece,
};
use crate::time::{parse_clock, Millis};
use crate::timeline::estimate_starts;
use crate::{Diagnostic, Pause, PAUSE_EVERY_LINES};

/// The most lines a quoted cell runs over: more is a stray quote, read as a character.
const MAX_QUOTED_LINES: u32 = 100;

/// The longest header row: a few columns' names.
const MAX_HEADER_BYTES: usize = 1_024;

/// The longest header cell: longer is a sentence, not a column's name.
const MAX_COLUMN_NAME_BYTES: usize = 40;

/// The most lines (not blank) a Markdown table is looked for under: a title, a sentence
/// introducing the table, a source or two.
const MAX_LINES_ABOVE_TABLE: usize = 6;

/// What a column holds, by its name in the header.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Column {
    Start(Unit),
    End(Unit),
    Duration(Unit),
    Speaker,
    /// Text, its language told by its script and words.
    Text,
    /// Text in the language the column is named for.
    Language(Lang),
    /// A row's number: dropped.
    Number,
    /// Anything else: named in a diagnostic, not read.
    Other,
}

/// The unit of a column's times written as plain numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Seconds,
    Millis,
    /// Not named: milliseconds where the numbers are too large for seconds ([`read`]).
    Unnamed,
}

/// Whether `head` (decoded text, its leading whitespace gone) is a transcript's table: a header
/// row naming a time and text, or two languages, and a row after it of as many cells. A Markdown
/// table may stand under a few lines of its own, and is the transcript where the lines among and
/// after its rows that are not rows are no more than its rows, or than a few (a glossary above
/// a transcript in the bilingual layout is not).
pub(crate) fn looks_like_table(head: &str) -> bool {
    let start = match markdown_table_under_lines(head) {
        Some((at, _)) => at,
        // A Markdown heading names no columns: the layout's writer makes its first line one so
        // that it reads back as the layout.
        None if head.starts_with("# ") => return false,
        None => 0,
    };
    let table = &head[start..];
    let Some(delimiter) = delimiter_of(table) else {
        return false;
    };
    let mut rows = Rows::new(table, delimiter).filter(|row| !row.is_blank());
    let (Some(header), Some(first)) = (rows.next(), rows.next()) else {
        return false;
    };
    let Some(columns) = columns_of(&header.cells) else {
        return false;
    };
    let texts_last = matches!(columns.last(), Some(Column::Text | Column::Language(_)));
    let first_fits = first.in_table
        && (first.cells.len() == columns.len() || texts_last && first.cells.len() > columns.len());
    if !first_fits {
        return false;
    }
    if delimiter != b'|' {
        return true;
    }
    let (mut table_rows, mut after) = (1, 0);
    for row in rows {
        if row.in_table {
            table_rows += 1;
        } else {
            after += 1;
        }
    }
    after <= table_rows.max(MAX_LINES_ABOVE_TABLE)
}

/// Where a Markdown table starts among the first lines of `text` (not blank, at most
/// `MAX_LINES_ABOVE_TABLE` above it): its header row, a `|` first, with a delimiter row under it
/// (`|---|---|`), as the byte it starts at and its line's number.
fn markdown_table_under_lines(text: &str) -> Option<(usize, u32)> {
    let mut filled = 0;
    // The line before, if not blank: a header row is right above its delimiter row.
    let mut previous: Option<(u32, &str)> = None;
    for (number, line) in Lines::new(text) {
        if line.trim().is_empty() {
            previous = None;
            continue;
        }
        if let Some((header_number, header)) = previous {
            if is_markdown_row(header) && is_delimiter_row(line) {
                // (Every line is a slice of the text.)
                let at = header.as_ptr() as usize - text.as_ptr() as usize;
                return Some((at, header_number));
            }
        }
        // Past here a header row would stand under too many lines to be the transcript's.
        if filled > MAX_LINES_ABOVE_TABLE {
            return None;
        }
        filled += 1;
        previous = Some((number, line));
    }
    None
}

/// Whether a line is a Markdown table's row: its first byte not a space is `|`.
fn is_markdown_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// Whether a line is a Markdown table's delimiter row, under its header: `|---|:---:|`, the
/// cells' dashes aligned by colons.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('|')
        && line.contains('-')
        && line
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// The delimiter of a table whose header is the first line of `head`: `|` for a Markdown table's
/// (a `|` its first byte not a space), else a tab if it has one, else the more frequent of `,`
/// and `;`.
fn delimiter_of(head: &str) -> Option<u8> {
    let bytes = head.as_bytes();
    let line = &bytes[..memchr::memchr2(b'\n', b'\r', bytes).unwrap_or(bytes.len())];
    if line.len() > MAX_HEADER_BYTES {
        return None;
    }
    if line.trim_ascii_start().starts_with(b"|") {
        return Some(b'|');
    }
    if memchr::memchr(b'\t', line).is_some() {
        return Some(b'\t');
    }
    let count = |b: u8| memchr::memchr_iter(b, line).count();
    match (count(b','), count(b';')) {
        (0, 0) => None,
        (commas, semicolons) if commas >= semicolons => Some(b','),
        _ => Some(b';'),
    }
}

/// The header's columns, if they make a transcript ([module docs](self)).
fn columns_of(cells: &[Cow<'_, str>]) -> Option<Vec<Column>> {
    if cells.len() < 2 || cells.iter().any(|c| c.len() > MAX_COLUMN_NAME_BYTES) {
        return None;
    }
    let columns: Vec<Column> = cells.iter().map(|c| column(c.trim())).collect();
    let has = |want: fn(&Column) -> bool| columns.iter().filter(|c| want(c)).count();
    let starts = has(|c| matches!(c, Column::Start(_)));
    let texts = has(|c| matches!(c, Column::Text));
    let languages = has(|c| matches!(c, Column::Language(_)));
    (starts == 1 && texts + languages > 0 || starts == 0 && languages >= 2).then_some(columns)
}

/// The column a header cell names.
fn column(name: &str) -> Column {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        // (Not `char::is_alphanumeric`, whose tables would ship.)
        .split(|c: char| {
            c.is_ascii() && !c.is_ascii_alphanumeric() && c != '#'
                || matches!(c, '（' | '）' | '\u{3000}')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let unit = if has(&["ms", "msec", "millis", "millisecond", "milliseconds"]) {
        Unit::Millis
    } else if has(&["s", "sec", "secs", "second", "seconds"]) {
        Unit::Seconds
    } else {
        Unit::Unnamed
    };
    if matches!(
        lower.as_str(),
        "#" | "no" | "no." | "n" | "number" | "index" | "id" | "序号" | "编号"
    ) {
        return Column::Number;
    }
    if has(&[
        "start",
        "begin",
        "starttime",
        "start_time",
        "开始",
        "开始时间",
        "起始时间",
    ]) || matches!(
        lower.as_str(),
        "from" | "in" | "time" | "timestamp" | "timecode" | "时间"
    ) {
        return Column::Start(unit);
    }
    if has(&["end", "stop", "endtime", "end_time", "结束", "结束时间"])
        || matches!(lower.as_str(), "to" | "out")
    {
        return Column::End(unit);
    }
    if has(&["duration", "length", "时长"]) {
        return Column::Duration(unit);
    }
    if has(&[
        "speaker",
        "character",
        "voice",
        "说话人",
        "发言人",
        "讲话人",
        "角色",
    ]) || matches!(lower.as_str(), "name" | "who")
    {
        return Column::Speaker;
    }
    match label_lang(name) {
        Some(Lang::Und) => return Column::Text,
        Some(lang) => return Column::Language(lang),
        None => {}
    }
    if has(&[
        "text",
        "transcript",
        "transcription",
        "content",
        "subtitle",
        "subtitles",
        "caption",
        "captions",
        "sentence",
        "dialogue",
        "words",
        "line",
        "文本",
        "内容",
        "字幕",
        "台词",
    ]) {
        return Column::Text;
    }
    Column::Other
}

/// One row of the table: the line it starts on, and its cells.
struct Row<'a> {
    line: u32,
    cells: Vec<Cow<'a, str>>,
    /// Whether it is a row: not a line around a Markdown table's rows, its one cell the line.
    in_table: bool,
}

impl Row<'_> {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// The rows of a delimited text, CSV's quoting read, or of a Markdown table, a line each
/// ([module docs](self)).
struct Rows<'a> {
    text: &'a str,
    at: usize,
    /// The line `at` is on, from 1.
    line: u32,
    delimiter: u8,
}

impl<'a> Rows<'a> {
    fn new(text: &'a str, delimiter: u8) -> Rows<'a> {
        Rows::starting_at(text, 0, 1, delimiter)
    }

    /// The rows from byte `at` of `text`, on its line `line`.
    fn starting_at(text: &'a str, at: usize, line: u32, delimiter: u8) -> Rows<'a> {
        Rows {
            text,
            at,
            line,
            delimiter,
        }
    }

    /// The next row of a Markdown table (its delimiter row passed over), or line around it.
    fn markdown_row(&mut self) -> Option<Row<'a>> {
        loop {
            if self.at >= self.text.len() {
                return None;
            }
            let line = self.line;
            let rest = &self.text[self.at..];
            let end = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
            let text = &rest[..end];
            self.at += end;
            self.end_of_cell();
            if is_delimiter_row(text) {
                continue;
            }
            let in_table = is_markdown_row(text);
            let cells = if in_table {
                markdown_cells(text)
            } else {
                vec![Cow::Borrowed(text.trim())]
            };
            return Some(Row {
                line,
                cells,
                in_table,
            });
        }
    }

    /// The cell at `at`, and whether another follows it on its row.
    fn cell(&mut self) -> (Cow<'a, str>, bool) {
        let bytes = self.text.as_bytes();
        let quoted = match bytes.get(self.at) {
            Some(b'"') => self.quoted_cell(),
            _ => None,
        };
        let cell = match quoted {
            Some(cell) => cell,
            None => {
                let rest = &bytes[self.at..];
                let end = memchr::memchr3(self.delimiter, b'\n', b'\r', rest).unwrap_or(rest.len());
                let cell = &self.text[self.at..self.at + end];
                self.at += end;
                Cow::Borrowed(cell)
            }
        };
        (cell, self.end_of_cell())
    }

    /// The quoted cell at `at` (its quotes off, `""` read as `"`), if it ends at a delimiter or
    /// a line's end within `MAX_QUOTED_LINES` lines (and, between tabs, holds a `""` or a line
    /// break); `at` moves past it.
    fn quoted_cell(&mut self) -> Option<Cow<'a, str>> {
        let bytes = self.text.as_bytes();
        let (open, mut i, mut lines) = (self.at + 1, self.at + 1, 0);
        let mut unquoted: Option<String> = None;
        let mut piece = open;
        loop {
            i += memchr::memchr3(b'"', b'\n', b'\r', &bytes[i..])?;
            match bytes[i] {
                b'"' if bytes.get(i + 1) == Some(&b'"') => {
                    unquoted
                        .get_or_insert_with(String::new)
                        .push_str(&self.text[piece..=i]);
                    i += 2;
                    piece = i;
                }
                b'"' => break,
                b => {
                    let crlf = b == b'\r' && bytes.get(i + 1) == Some(&b'\n');
                    lines += 1;
                    if lines > MAX_QUOTED_LINES {
                        return None;
                    }
                    i += 1 + usize::from(crlf);
                }
            }
        }
        let after = bytes.get(i + 1).copied();
        if !matches!(after, None | Some(b'\n' | b'\r')) && after != Some(self.delimiter) {
            return None;
        }
        // A tab-separated cell is quoted only where it must be, to hold a quote or a line break:
        // Whisper writes its lines as they are, `"We grow our own tea."` included.
        if self.delimiter == b'\t' && unquoted.is_none() && lines == 0 {
            return None;
        }
        self.line += lines;
        self.at = i + 1;
        Some(match unquoted {
            Some(mut cell) => {
                cell.push_str(&self.text[piece..i]);
                Cow::Owned(cell)
            }
            None => Cow::Borrowed(&self.text[open..i]),
        })
    }

    /// Past the delimiter or line end after a cell: whether another cell follows on its row.
    fn end_of_cell(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        match bytes.get(self.at) {
            Some(&b) if b == self.delimiter => {
                self.at += 1;
                true
            }
            Some(b'\r') => {
                self.at += 1 + usize::from(bytes.get(self.at + 1) == Some(&b'\n'));
                self.line += 1;
                false
            }
            Some(b'\n') => {
                self.at += 1;
                self.line += 1;
                false
            }
            _ => false,
        }
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Row<'a>;

    fn next(&mut self) -> Option<Row<'a>> {
        if self.delimiter == b'|' {
            return self.markdown_row();
        }
        if self.at >= self.text.len() {
            return None;
        }
        let line = self.line;
        let mut cells = Vec::new();
        loop {
            let (cell, more) = self.cell();
            cells.push(cell);
            if !more {
                return Some(Row {
                    line,
                    cells,
                    in_table: true,
                });
            }
        }
    }
}

/// The cells of a Markdown table's row, trimmed: between its `|`s, the outer ones not a cell's
/// edge, an escaped `\|` a `|` of the text.
fn markdown_cells(row: &str) -> Vec<Cow<'_, str>> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = match row.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => row,
    };
    let mut cells = Vec::new();
    let mut from = 0;
    let mut escaped = false;
    for at in memchr::memchr_iter(b'|', row.as_bytes()) {
        if row[..at].ends_with('\\') {
            escaped = true;
            continue;
        }
        cells.push(unescaped_cell(&row[from..at], escaped));
        from = at + 1;
        escaped = false;
    }
    cells.push(unescaped_cell(&row[from..], escaped));
    cells
}

/// A Markdown table's cell, trimmed, its escaped `\|`s (if it has any) read as `|`.
fn unescaped_cell(cell: &str, escaped: bool) -> Cow<'_, str> {
    let cell = cell.trim();
    if escaped {
        Cow::Owned(cell.replace("\\|", "|"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A time cell: a clock (`00:01:23.450`, `1:23`), or a number of seconds or milliseconds.
fn time_of(cell: &str, unit: Unit, millis_unnamed: bool) -> Option<Millis> {
    let cell = cell.trim();
    if cell.contains(':') {
        return parse_clock(cell);
    }
    let number = decimal::parse(cell)?;
    let millis = match unit {
        Unit::Millis => true,
        Unit::Seconds => false,
        Unit::Unnamed => millis_unnamed,
    };
    Millis::from_secs_f64(if millis { number / 1000.0 } else { number })
}

/// Whether times written as plain numbers in columns whose names give no unit are milliseconds:
/// whole numbers, so large for the rows they time that as seconds each row would run past
/// three minutes (Whisper's `.tsv`). Seconds are written with a fraction.
fn unnamed_are_millis(rows: &[Row<'_>], columns: &[Column]) -> bool {
    let mut largest = 0u64;
    for row in rows {
        for (cell, column) in row.cells.iter().zip(columns) {
            if let Column::Start(Unit::Unnamed) | Column::End(Unit::Unnamed) = column {
                let cell = cell.trim();
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<u64>() {
                    Ok(n) => largest = largest.max(n),
                    Err(_) => return false,
                }
            }
        }
    }
    largest >= 200 * rows.len() as u64
}

pub(crate) async fn read(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    pause: &mut Pause<'_>,
) -> Document {
    let mut doc = Document::of(Format::Table, diagnostics);
    let (at, line) = markdown_table_under_lines(text).unwrap_or((0, 1));
    lines_above_table(&mut doc, &text[..at]);
    let delimiter = delimiter_of(&text[at..]).unwrap_or(b'\t');
    let mut rows = Rows::starting_at(text, at, line, delimiter).filter(|row| !row.is_blank());
    let header = rows.next();
    let columns = header.as_ref().and_then(|h| columns_of(&h.cells));
    let (Some(header), Some(columns)) = (header, columns) else {
        // (Told a table by `detect`, which read this header.)
        finish_cues(&mut doc);
        return doc;
    };
    let mut read_rows = Vec::new();
    for row in rows {
        if row.line % PAUSE_EVERY_LINES == 0 {
            if let Some(paused) = pause() {
                paused.await;
            }
        }
        read_rows.push(row);
    }
    let not_read: Vec<String> = header
        .cells
        .iter()
        .zip(&columns)
        .filter(|(_, c)| **c == Column::Other)
        .map(|(name, _)| format!("`{}`", name.trim()))
        .collect();
    if !not_read.is_empty() {
        let names = not_read.join(", ");
        doc.warn(header.line, DiagnosticKind::ColumnsNotRead { names });
    }
    let timed = columns.iter().any(|c| matches!(c, Column::Start(_)));
    let delimiter = [delimiter];
    let reading = Reading {
        columns: &columns,
        millis: unnamed_are_millis(&read_rows, &columns),
        delimiter: std::str::from_utf8(&delimiter).unwrap_or("\t"),
    };
    let mut previous_start = Millis::ZERO;
    for row in &read_rows {
        if !row.in_table {
            keep_aside(&mut doc, row.line, row.cells.concat(), false);
            continue;
        }
        let turn = row_turn(&mut doc, row, &reading, &mut previous_start);
        if turn.is_empty() {
            doc.warn(row.line, DiagnosticKind::EmptyTurn);
        } else {
            doc.turns.push(turn);
        }
    }
    finish_cues(&mut doc);
    if !timed && !doc.turns.is_empty() {
        let every: Vec<u32> = (0..doc.turns.len() as u32).collect();
        let spoken = doc.languages.first().copied();
        estimate_starts(&mut doc.turns, &every, spoken, false);
        doc.estimated_starts = true;
        doc.warn(0, DiagnosticKind::EstimatedTimes);
    }
    doc
}

/// The lines above a Markdown table (`above`): its first `# ` heading the title, else its first
/// line, and the others metadata, as the bilingual layout reads a header.
fn lines_above_table(doc: &mut Document, above: &str) {
    let header = Lines::new(above)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(_, line)| {
            let (level, text) = strip_heading(line.trim());
            HeaderLine {
                text: plain_text(text),
                h1: level == 1,
            }
        })
        .collect();
    file_header(doc, header);
}

/// How a row's times and cells are read: by the header's columns, plain numbers in unnamed units
/// as milliseconds or not, cells past the header's joined again by the delimiter.
struct Reading<'a> {
    columns: &'a [Column],
    millis: bool,
    delimiter: &'a str,
}

/// The turn of one row. A start that cannot be read is the row above's, said so.
fn row_turn(
    doc: &mut Document,
    row: &Row<'_>,
    reading: &Reading<'_>,
    previous_start: &mut Millis,
) -> Turn {
    let Reading {
        columns,
        millis,
        delimiter,
    } = *reading;
    let mut turn = Turn::new(*previous_start, row.line);
    let mut duration = None;
    let mut pieces: Vec<Piece> = Vec::with_capacity(2);
    // Cells past the header's: the text's own delimiters, written unquoted.
    let last = columns.len().saturating_sub(1);
    let overflow = row.cells.len() > columns.len();
    for (k, column) in columns.iter().enumerate() {
        let cell: Cow<'_, str> = match row.cells.get(k) {
            Some(_) if k == last && overflow => Cow::Owned(row.cells[k..].join(delimiter)),
            Some(cell) => Cow::Borrowed(cell.as_ref()),
            None => continue,
        };
        let trimmed = cell.trim();
        match *column {
            Column::Start(unit) => match time_of(trimmed, unit, millis) {
                Some(start) => {
                    turn.start = start;
                    *previous_start = start;
                }
                None => doc.warn(
                    row.line,
                    DiagnosticKind::UnreadableStart {
                        found: trimmed.to_owned(),
                    },
                ),
            },
            Column::End(unit) if !trimmed.is_empty() => match time_of(trimmed, unit, millis) {
                Some(end) => turn.end = Some(end),
                None => doc.warn(
                    row.line,
                    DiagnosticKind::UnreadableEnd {
                        found: trimmed.to_owned(),
                    },
                ),
            },
            Column::Duration(unit) => duration = time_of(trimmed, unit, millis),
            Column::Speaker if !trimmed.is_empty() => {
                turn.speaker = Some(doc.speaker_id(trimmed));
            }
            Column::Text | Column::Language(_) => {
                let told = match *column {
                    Column::Language(lang) => Some(lang),
                    _ => None,
                };
                for line in trimmed.lines().filter(|l| !l.trim().is_empty()) {
                    let mut piece = payload_line(line, &mut Carried::default());
                    if let Some(lang) = told {
                        piece.lang = lang;
                        doc.languages_told = true;
                    }
                    add_line(&mut pieces, piece);
                }
            }
            _ => {}
        }
    }
    if turn.end.is_none() {
        turn.end = duration.map(|d| Millis(turn.start.0 + d.0));
    }
    if turn.end.is_some_and(|end| end < turn.start) {
        doc.warn(row.line, DiagnosticKind::EndBeforeStart);
        turn.end = None;
    }
    fill_turn(doc, &mut turn, pieces);
    turn
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, delimiter: u8) -> Vec<(u32, Vec<String>)> {
        let cells = |row: Row<'_>| row.cells.iter().map(|c| c.to_string()).collect();
        Rows::new(text, delimiter)
            .map(|row| (row.line, cells(row)))
            .collect()
    }

    #[test]
    fn only_a_header_naming_a_transcripts_columns_makes_a_table() {
        assert!(looks_like_table("start\tend\ttext\n0\t1000\tHi.\n"));
        assert!(looks_like_table("English;中文\nHello.;你好。"));
        // Unquoted commas in the text, the text the last column.
        assert!(looks_like_table("Time,Text\n0:01,Well, yes, quite.\n"));
        for text in [
            // A sentence with commas, and a line after it.
            "Start, text, and more\nThe next line.\n",
            // A header alone.
            "start\tend\ttext\n",
            // No start and one language: a list, not a transcript.
            "Speaker,English\nAnn,Hi.\n",
            // Two starts.
            "Start,Begin,Text\n1,2,Hi.\n",
            // A name too long for a column's.
            "Start,The words that were said at that time in the recording\n1,Hi.\n",
        ] {
            assert!(!looks_like_table(text), "{text:?}");
        }
    }

    #[test]
    fn quoted_cells_end_at_a_delimiter() {
        let text = "a,\"b,c\",d\n\"x\"y,z\n\"two\nlines \"\"quoted\"\"\",e\nlast";
        assert_eq!(
            rows(text, b','),
            [
                (1, vec!["a".into(), "b,c".into(), "d".into()]),
                // Not a quoted cell: its quote is followed by more.
                (2, vec!["\"x\"y".into(), "z".into()]),
                (3, vec!["two\nlines \"quoted\"".into(), "e".into()]),
                (5, vec!["last".into()]),
            ]
        );
        // A quote that never closes is a character, and the lines stay lines.
        assert_eq!(
            rows("\"open,a\r\nb,c", b','),
            [
                (1, vec!["\"open".into(), "a".into()]),
                (2, vec!["b".into(), "c".into()])
            ]
        );
        // So is one that would close past `MAX_QUOTED_LINES` lines.
        let long = format!("\"{}\",x", "line\n".repeat(MAX_QUOTED_LINES as usize + 1));
        let read = rows(&long, b',');
        assert_eq!(read.len(), MAX_QUOTED_LINES as usize + 2);
        assert_eq!(read[0], (1, vec!["\"line".into()]));
        // Between tabs, a cell quoted whole with nothing that needs it is a quotation.
        assert_eq!(
            rows("\"Hi.\"\t\"a\"\"b\"", b'\t'),
            [(1, vec!["\"Hi.\"".into(), "a\"b".into()])]
        );
    }

    #[test]
    fn a_markdown_tables_delimiter_row_is_no_row_and_an_escaped_pipe_is_text() {
        let text = "| Start | Text |\n|---|:---:|\n|  0:01 | a \\| b |\n| 0:02 | c \\|\nAfter.\n";
        let read: Vec<_> = Rows::new(text, b'|')
            .map(|row| (row.line, row.in_table, row.cells.concat()))
            .collect();
        assert_eq!(
            read,
            [
                (1, true, "StartText".into()),
                (3, true, "0:01a | b".into()),
                // The last `|` escaped: a cell's, not the row's edge.
                (4, true, "0:02c |".into()),
                (5, false, "After.".into()),
            ]
        );
        assert_eq!(markdown_cells("|a|\\|b||"), ["a", "|b", ""]);
    }

    #[test]
    fn a_markdown_table_is_read_under_a_few_lines_of_its_own() {
        let table = "| 时间 | English | 中文 |\n|---|---|---|\n| 00:01 | Hi. | 你好。 |\n";
        assert!(looks_like_table(table));
        let titled = format!("# Title\n\nA sentence.\n\n{table}\nThanks.\n");
        assert!(looks_like_table(&titled));
        let doc = crate::read_str(&titled);
        assert_eq!(doc.title.as_deref(), Some("Title"));
        assert_eq!(doc.metadata, ["A sentence."]);
        assert_eq!(doc.turns.len(), 1);
        assert_eq!(doc.turns[0].notes[0].text, "Thanks.");
        // Under more lines than a title's and a sentence's, or above more lines than its rows
        // (a glossary over a transcript): not the transcript.
        assert!(!looks_like_table(&format!(
            "{}{table}",
            "Line.\n".repeat(7)
        )));
        assert!(!looks_like_table(&format!(
            "{table}\n{}",
            "Ann: Hi.\n".repeat(7)
        )));
        // Without its delimiter row, only at the start.
        assert!(looks_like_table("| Start | Text |\n| 0:01 | Hi. |\n"));
        assert!(!looks_like_table("# T\n| Start | Text |\n| 0:01 | Hi. |\n"));
    }

    #[test]
    fn whole_numbers_too_large_for_seconds_are_milliseconds() {
        let read = |text: &str| {
            crate::read_str(text)
                .turns
                .iter()
                .map(|t| t.start.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read("start,end,text\n0,4200,Hi.\n4200,9500,Bye.\n"),
            [0, 4200]
        );
        assert_eq!(read("start,end,text\n0,4,Hi.\n4,9,Bye.\n"), [0, 4000]);
        assert_eq!(read("start,text\n0.5,Hi.\n4.25,Bye.\n"), [500, 4250]);
        assert_eq!(read("start (ms),text\n1,Hi.\n2,Bye.\n"), [1, 2]);
        assert_eq!(
            read("Start (s),text\n1000,Hi.\n2000,Bye.\n"),
            [1_000_000, 2_000_000]
        );
        // Past `Millis::LATEST` is no time: the row above's start.
        assert_eq!(
            read("Start (s),text\n5,Hi.\n3600000,Bye.\n"),
            [5_000, 5_000]
        );
    }
}
