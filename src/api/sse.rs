//! [`SseParser`]: the data of Server-Sent Events, from the bytes of the
//! stream as they arrive.
//!
//! Only what the live feed uses of the format (WHATWG HTML, "Server-sent
//! events"): `data:` lines, joined with `\n` when an event has several, an
//! empty line ending the event, `:` comments (the keep-alive) and other
//! fields (`event:`, `id:`, `retry:`) skipped — the data's own `type` says
//! what an event is. Lines end with `\n`, `\r\n` or `\r`. Chunks may split
//! anywhere, even inside a UTF-8 character: bytes are kept until their line
//! is complete (a line break is never part of a multi-byte character).

/// Splits a byte stream into events' data.
#[derive(Debug, Default)]
pub struct SseParser {
    /// Bytes of the line not yet complete.
    line: Vec<u8>,
    /// The data of the event being read, if it has a `data:` line yet.
    data: Option<String>,
    /// Whether the last byte was a `\r`, so a `\n` right after it ends nothing.
    after_cr: bool,
}

impl SseParser {
    /// Reads `chunk` and returns the data of each event it completed.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<String> {
        let mut events = Vec::new();
        for &byte in chunk {
            let after_cr = std::mem::replace(&mut self.after_cr, byte == b'\r');
            match byte {
                b'\n' if after_cr => {}
                b'\n' | b'\r' => {
                    let line = std::mem::take(&mut self.line);
                    if let Some(data) = self.line_ended(&line) {
                        events.push(data);
                    }
                }
                _ => self.line.push(byte),
            }
        }
        events
    }

    /// Takes one complete line; the event's data when the line ends it.
    fn line_ended(&mut self, line: &[u8]) -> Option<String> {
        if line.is_empty() {
            return self.data.take();
        }
        let value = match line.strip_prefix(b"data") {
            Some([]) => &[][..],
            Some([b':', b' ', value @ ..] | [b':', value @ ..]) => value,
            // A comment, another field, or a field merely starting with "data".
            _ => return None,
        };
        // The server sends UTF-8; a line that is not is dropped, not guessed at.
        let value = std::str::from_utf8(value).ok()?;
        match &mut self.data {
            Some(data) => {
                data.push('\n');
                data.push_str(value);
            }
            None => self.data = Some(value.to_owned()),
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(parser: &mut SseParser, chunks: &[&[u8]]) -> Vec<String> {
        chunks.iter().flat_map(|chunk| parser.push(chunk)).collect()
    }

    #[test]
    fn reads_each_events_data_and_skips_names_and_comments() {
        let mut parser = SseParser::default();
        let stream = b"event: snapshot\ndata: {\"type\":\"snapshot\"}\n\n: keep-alive\n\nevent: pinned\ndata:{\"a\":1}\n\n";
        assert_eq!(
            parser.push(stream),
            [r#"{"type":"snapshot"}"#, r#"{"a":1}"#],
            "a comment alone is no event"
        );
    }

    #[test]
    fn joins_several_data_lines_and_keeps_an_event_until_its_blank_line() {
        let mut parser = SseParser::default();
        assert!(parser.push(b"data: one\ndata\ndata: three\n").is_empty());
        assert_eq!(parser.push(b"\n"), ["one\n\nthree"]);
        assert!(
            parser.push(b"\n\n").is_empty(),
            "blank lines alone end nothing"
        );
    }

    #[test]
    fn chunks_may_split_lines_line_breaks_and_characters() {
        let text = "data: {\"name\":\"Kopi Gayo ☕\"}\r\n\r\ndata: b\r\r".as_bytes();
        for split in 0..text.len() {
            let mut parser = SseParser::default();
            let (head, tail) = text.split_at(split);
            assert_eq!(
                all(&mut parser, &[head, tail]),
                [r#"{"name":"Kopi Gayo ☕"}"#, "b"],
                "split at {split}"
            );
        }
    }

    #[test]
    fn drops_a_data_line_that_is_not_utf8() {
        let mut parser = SseParser::default();
        assert_eq!(parser.push(b"data: ok\ndata: \xff\xfe\n\n"), ["ok"]);
    }

    #[test]
    fn ignores_other_fields_and_lookalikes() {
        let mut parser = SseParser::default();
        let stream = b"id: 7\nretry: 100\ndatabase: x\ndata: kept\n\n";
        assert_eq!(parser.push(stream), ["kept"]);
    }
}
