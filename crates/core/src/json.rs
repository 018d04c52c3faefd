//! JSON, read and written by hand for the little the program needs of it: the Podcasting 2.0
//! reader, the two JSON exporters, the JavaScript API's header and the app's settings. A general
//! library (serde with serde_json) cost some 20 KB of the browser's download for this.
//!
//! Reading is a cursor over the text ([`Reader`]): the caller asks for what it expects next (an
//! object's members, an array's items, a string, a number) and skips what it does not want, so a
//! 10 MB file of word-level segments is read without a tree of values in between. Writing
//! ([`Writer`]) lays values out as `serde_json` did (pretty: two spaces, `"key": value`; or
//! compact), so files written before read and compare the same.

use std::fmt;

/// What was wrong, and where: 1-based line and column (in characters) of the offending place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub line: u32,
    pub column: u32,
    pub message: &'static str,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Arrays and objects nested deeper than this are refused, so hostile input cannot exhaust the
/// stack (serde_json's limit too).
const MAX_DEPTH: u32 = 128;

/// A cursor over JSON text.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            at: 0,
            depth: 0,
        }
    }

    /// An error at the current place.
    pub fn error(&self, message: &'static str) -> Error {
        let before = &self.text[..self.at.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Error {
            line: crate::decode::line_of(self.text.as_bytes(), self.at),
            column: before[line_start..].chars().count() as u32 + 1,
            message,
        }
    }

    /// Where the cursor is, in bytes: to [`rewind`](Self::rewind) to, or to quote from.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Goes back to `offset`, as taken by [`offset`](Self::offset) before a value.
    pub fn rewind(&mut self, offset: usize) {
        self.at = offset;
    }

    /// The text from `offset` to the cursor (a value just passed over).
    pub fn since(&self, offset: usize) -> &'a str {
        &self.text[offset..self.at]
    }

    /// The next byte that is not whitespace (not consumed).
    pub fn peek(&mut self) -> Option<u8> {
        let rest = &self.text.as_bytes()[self.at..];
        let blank = rest
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        self.at += blank;
        rest.get(blank).copied()
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<(), Error> {
        if self.peek() != Some(byte) {
            return Err(self.error(message));
        }
        self.at += 1;
        Ok(())
    }

    /// `null`, consumed if it is next: for members that may be null or absent alike.
    pub fn null(&mut self) -> Result<bool, Error> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal("null")?;
        Ok(true)
    }

    fn literal(&mut self, word: &'static str) -> Result<(), Error> {
        if !self.text[self.at..].starts_with(word) {
            return Err(self.error("expected a value"));
        }
        self.at += word.len();
        Ok(())
    }

    /// An object: `member` is called with each key, positioned at its value, which it must
    /// consume (reading it, or [`skip`](Self::skip)ping it).
    pub fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.expect(b'{', "expected an object")?;
        self.items(b'}', "the text ends inside an object", |r| {
            match r.peek() {
                Some(b'"') => {}
                Some(_) => return Err(r.error("expected a key")),
                None => return Err(r.error("the text ends inside an object")),
            }
            let key = r.string()?;
            r.expect(b':', "expected ':' after a key")?;
            member(r, &key)
        })
    }

    /// An array: `item` is called at each item, which it must consume.
    pub fn array(&mut self, item: impl FnMut(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        self.expect(b'[', "expected an array")?;
        self.items(b']', "the text ends inside an array", item)
    }

    /// An object's member `name`, read by `value`; the others are passed over.
    pub fn member(
        &mut self,
        name: &str,
        mut value: impl FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.object(|r, key| match key == name {
            true => value(r),
            false => r.skip(),
        })
    }

    /// An array's first item, read by `item`; the others are passed over.
    pub fn first(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut first = true;
        self.array(|r| match std::mem::take(&mut first) {
            true => item(r),
            false => r.skip(),
        })
    }

    /// The items of an array or object up to its `close`, separated by commas.
    fn items(
        &mut self,
        close: u8,
        unclosed: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.nest(|r| {
            if r.peek() == Some(close) {
                r.at += 1;
                return Ok(());
            }
            loop {
                item(r)?;
                match r.peek() {
                    Some(b',') => {
                        r.at += 1;
                        // A comma after the last item, as JavaScript allows and people write.
                        if r.peek() == Some(close) {
                            r.at += 1;
                            return Ok(());
                        }
                    }
                    Some(b) if b == close => {
                        r.at += 1;
                        return Ok(());
                    }
                    Some(_) => return Err(r.error("expected ',' or the end of the list")),
                    None => return Err(r.error(unclosed)),
                }
            }
        })
    }

    fn nest(&mut self, inside: impl FnOnce(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.depth += 1;
        let result = inside(self);
        self.depth -= 1;
        result
    }

    /// A string, its escapes decoded.
    pub fn string(&mut self) -> Result<String, Error> {
        self.expect(b'"', "expected a string")?;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let plain = rest
                .bytes()
                .take_while(|&b| b != b'"' && b != b'\\' && b >= 0x20)
                .count();
            out.push_str(&rest[..plain]);
            self.at += plain;
            match self.text.as_bytes().get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.escape()?;
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("a control character inside a string")),
                None => return Err(self.error("the text ends inside a string")),
            }
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(&kind) = self.text.as_bytes().get(self.at) else {
            return Err(self.error("the text ends inside a string"));
        };
        self.at += 1;
        Ok(match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        if !self.text[self.at..].starts_with("\\u") {
                            return Err(self.error("a lone surrogate in a \\u escape"));
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("a lone surrogate in a \\u escape"));
                        }
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("a lone surrogate in a \\u escape")),
                    _ => char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER),
                }
            }
            _ => {
                self.at -= 1;
                return Err(self.error("an unknown escape in a string"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error("expected four hex digits after \\u"));
        }
        self.at += 4;
        Ok(digits
            .bytes()
            .fold(0, |n, b| n * 16 + (b as char).to_digit(16).unwrap_or(0)))
    }

    /// A number, as JSON writes them.
    pub fn number(&mut self) -> Result<f64, Error> {
        self.peek();
        let rest = &self.text.as_bytes()[self.at..];
        let mut end = usize::from(rest.first() == Some(&b'-'));
        let digits = |from: usize| {
            rest[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let whole = digits(end);
        // No leading zeros ("01"), and at least one digit.
        if whole == 0 || (whole > 1 && rest[end] == b'0') {
            return Err(self.error("expected a number"));
        }
        end += whole;
        if rest.get(end) == Some(&b'.') {
            let fraction = digits(end + 1);
            if fraction == 0 {
                return Err(self.error("expected a digit after the decimal point"));
            }
            end += 1 + fraction;
        }
        if matches!(rest.get(end), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(rest.get(end + 1), Some(b'+' | b'-')));
            let exponent = digits(end + 1 + sign);
            if exponent == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
            end += 1 + sign + exponent;
        }
        let text = &self.text[self.at..self.at + end];
        let value = crate::decimal::parse(text).filter(|v| v.is_finite());
        let Some(value) = value else {
            return Err(self.error("a number out of range"));
        };
        self.at += end;
        Ok(value)
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Result<bool, Error> {
        match self.peek() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(self.error("expected true or false")),
        }
    }

    /// Any value, checked and passed over.
    pub fn skip(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'{') => self.object(|r, _| r.skip()),
            Some(b'[') => self.array(Self::skip),
            Some(b'"') => self.string().map(drop),
            Some(b't' | b'f') => self.boolean().map(drop),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("the text ends where a value was expected")),
        }
    }

    /// Checks that nothing but whitespace follows.
    pub fn end(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("text after the end of the value")),
        }
    }
}

/// Writes JSON into a string, laid out as `serde_json` lays it out.
pub struct Writer {
    out: String,
    pretty: bool,
    /// For each open array or object: whether it has an item yet.
    open: Vec<bool>,
    /// A key was just written: the value goes right after it.
    after_key: bool,
}

impl Writer {
    /// Two spaces per level, a line per item, `"key": value`.
    pub fn pretty() -> Writer {
        Writer::new(true)
    }

    /// No spaces or line breaks at all.
    pub fn compact() -> Writer {
        Writer::new(false)
    }

    fn new(pretty: bool) -> Writer {
        Writer {
            out: String::new(),
            pretty,
            open: Vec::new(),
            after_key: false,
        }
    }

    /// Where a value or key starts: after a comma and a new line, unless it follows a key.
    fn item(&mut self) {
        if std::mem::take(&mut self.after_key) {
            return;
        }
        if let Some(has_items) = self.open.last_mut() {
            if std::mem::replace(has_items, true) {
                self.out.push(',');
            }
            self.new_line(self.open.len());
        }
    }

    fn new_line(&mut self, depth: usize) {
        if self.pretty {
            self.out.push('\n');
            (0..depth).for_each(|_| self.out.push_str("  "));
        }
    }

    fn begin(&mut self, bracket: char) -> &mut Self {
        self.item();
        self.out.push(bracket);
        self.open.push(false);
        self
    }

    fn end(&mut self, bracket: char) -> &mut Self {
        if self.open.pop() == Some(true) {
            self.new_line(self.open.len());
        }
        self.out.push(bracket);
        self
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.begin('{')
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.end('}')
    }

    pub fn begin_array(&mut self) -> &mut Self {
        self.begin('[')
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.end(']')
    }

    /// An object's key; its value is written next.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.string(key);
        self.out.push(':');
        if self.pretty {
            self.out.push(' ');
        }
        self.after_key = true;
        self
    }

    pub fn string(&mut self, text: &str) -> &mut Self {
        self.item();
        self.out.reserve(text.len() + 2);
        self.out.push('"');
        let mut plain = 0;
        for (at, byte) in text.bytes().enumerate() {
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0C => "\\f",
                0..=0x1F => "",
                _ => continue,
            };
            self.out.push_str(&text[plain..at]);
            if escape.is_empty() {
                self.out.push_str("\\u00");
                for digit in [byte >> 4, byte & 0xF] {
                    self.out
                        .push(char::from_digit(u32::from(digit), 16).unwrap_or('0'));
                }
            } else {
                self.out.push_str(escape);
            }
            plain = at + 1;
        }
        self.out.push_str(&text[plain..]);
        self.out.push('"');
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.item();
        self.out.push_str("null");
        self
    }

    /// `text` or `null`.
    pub fn string_or_null(&mut self, text: Option<&str>) -> &mut Self {
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.item();
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    /// A number already written as JSON writes numbers (see [`crate::decimal`]).
    pub fn number(&mut self, text: &str) -> &mut Self {
        self.item();
        self.out.push_str(text);
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads any JSON value into a compact rewrite of it (numbers as read), to test both halves.
    fn rewrite(text: &str) -> Result<String, Error> {
        fn value(r: &mut Reader<'_>, w: &mut Writer) -> Result<(), Error> {
            match r.peek() {
                Some(b'{') => {
                    w.begin_object();
                    r.object(|r, key| {
                        w.key(key);
                        value(r, w)
                    })?;
                    w.end_object();
                }
                Some(b'[') => {
                    w.begin_array();
                    r.array(|r| value(r, w))?;
                    w.end_array();
                }
                Some(b'"') => {
                    w.string(&r.string()?);
                }
                Some(b't' | b'f') => {
                    w.boolean(r.boolean()?);
                }
                Some(b'n') => {
                    r.null()?;
                    w.null();
                }
                _ => {
                    w.number(&crate::decimal::trimmed(r.number()?, 6));
                }
            }
            Ok(())
        }
        let mut r = Reader::new(text);
        let mut w = Writer::compact();
        value(&mut r, &mut w)?;
        r.end()?;
        Ok(w.finish())
    }

    #[test]
    fn reads_what_json_allows_and_trailing_commas() {
        let cases = [
            (
                " { \"a\" : [1, -2.5, 3e2, 0.25E-1, true, false, null, \"x\"], \"b\": {} } ",
                r#"{"a":[1,-2.5,300,0.025,true,false,null,"x"],"b":{}}"#,
            ),
            (
                r#""\"\\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00""#,
                "\"\\\"\\\\/\\b\\f\\n\\r\\té中😀\"",
            ),
            ("[]", "[]"),
            ("[[[]]]", "[[[]]]"),
            ("0", "0"),
            (r#""\u0001\u001F""#, "\"\\u0001\\u001f\""),
            // and a comma after a list's last item, as people write JSON by hand
            ("[1, {\"a\": 2,},\n]", r#"[1,{"a":2}]"#),
        ];
        for (input, expected) in cases {
            assert_eq!(rewrite(input).as_deref(), Ok(expected), "{input}");
        }
    }

    #[test]
    fn refuses_what_json_does_not_allow_and_says_where() {
        let cases = [
            ("", 1, 1),
            ("[1,,]", 1, 4),
            ("[,]", 1, 2),
            ("{\"a\" 1}", 1, 6),
            ("{'a': 1}", 1, 2),
            ("[01]", 1, 2),
            ("[1.]", 1, 2),
            ("[-]", 1, 2),
            ("[1e]", 1, 2),
            ("[1e999]", 1, 2),
            ("\"a\nb\"", 1, 3),
            ("\"\\x\"", 1, 3),
            ("\"\\ud800\"", 1, 8),
            ("[tru]", 1, 2),
            ("[1] 2", 1, 5),
            ("{\n  \"a\": [1,\n", 3, 1),
            ("[nul", 1, 2),
        ];
        for (input, line, column) in cases {
            let error = rewrite(input).expect_err(input);
            assert_eq!(
                (error.line, error.column),
                (line, column),
                "{input}: {error}"
            );
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(rewrite(&deep).unwrap_err().message, "nested too deeply");
        let deep_enough = "[".repeat(128) + &"]".repeat(128);
        assert!(rewrite(&deep_enough).is_ok());
    }

    #[test]
    fn writes_pretty_as_serde_json_did() {
        let mut w = Writer::pretty();
        w.begin_object();
        w.key("title").string_or_null(None);
        w.key("list").begin_array();
        w.string("a\u{7f}é\"\u{0}").number("1.5");
        w.begin_object().end_object();
        w.begin_array().end_array();
        w.end_array();
        w.key("empty").begin_array().end_array();
        w.end_object();
        assert_eq!(
            w.finish(),
            "{\n  \"title\": null,\n  \"list\": [\n    \"a\u{7f}é\\\"\\u0000\",\n    1.5,\n    {},\n    []\n  ],\n  \"empty\": []\n}"
        );
    }
}
