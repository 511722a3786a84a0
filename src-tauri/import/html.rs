//! HTML pages to text, through html2text (html5ever), never by stripping tags
//! by hand. Documents nested deeper than any real page are refused first.

use super::refuse;
use crate::error::AppError;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::Cell;

/// Real pages nest a few dozen elements deep; html5ever's tree building
/// slows down with the square of the depth, so deeper documents are refused
/// after a linear pass of its tokenizer.
const MAX_HTML_DEPTH: usize = 400;

/// Counts how deep start tags nest (elements that close themselves or are
/// usually left open, like `<p>` and `<li>`, are not counted).
#[derive(Default)]
struct DepthCounter {
    depth: Cell<usize>,
    deepest: Cell<usize>,
}

impl TokenSink for DepthCounter {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let open_ended = matches!(
                &*tag.name,
                "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "param"
                    | "source"
                    | "track"
                    | "wbr"
                    | "p"
                    | "li"
                    | "td"
                    | "th"
                    | "tr"
                    | "option"
                    | "dt"
                    | "dd"
                    | "tbody"
                    | "thead"
                    | "tfoot"
            );
            match tag.kind {
                TagKind::StartTag if !tag.self_closing && !open_ended => {
                    self.depth.set(self.depth.get() + 1);
                    self.deepest.set(self.deepest.get().max(self.depth.get()));
                }
                TagKind::EndTag if !open_ended => {
                    self.depth.set(self.depth.get().saturating_sub(1))
                }
                _ => {}
            }
        }
        TokenSinkResult::Continue
    }
}

fn html_depth(html: &str) -> usize {
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(DepthCounter::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.deepest.get()
}

/// Text from an HTML page, through html2text (no hand-made tag stripping).
pub fn html_to_text(html: &str) -> Result<String, AppError> {
    if html_depth(html) > MAX_HTML_DEPTH {
        return Err(refuse(format!(
            "This HTML nests elements more than {MAX_HTML_DEPTH} deep: it is not an ASPeN event page."
        )));
    }
    let text = html2text::config::plain_no_decorate()
        .raw_mode(true)
        .string_from_read(html.as_bytes(), 10_000)
        .map_err(|e| refuse(format!("The HTML page could not be read: {e}")))?;
    // Headings keep markdown-like "# " marks; the page title is one.
    Ok(text
        .lines()
        .map(|l| l.trim_start_matches('#').trim_start())
        .collect::<Vec<_>>()
        .join("\n"))
}

pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_lowercase();
    head.starts_with('<')
        && [
            "<html",
            "<body",
            "<div",
            "<!doctype",
            "<table",
            "<p",
            "<span",
            "<h1",
        ]
        .iter()
        .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    #[test]
    fn deeply_nested_html_is_read_without_crashing() {
        let depth = 100_000;
        let html = format!(
            "<html><body>{}Deep Title{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let err = super::super::aspen_page::parse(&html).expect_err("too deep");
        assert!(err.to_string().contains("nests elements"), "{err}");
    }
}
