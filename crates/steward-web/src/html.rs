//! What the scanner reads from an HTML page, through a WHATWG tokenizer (html5gum) rather
//! than string search: links and forms to crawl, resources for the mixed-content check,
//! and the elements and attributes an XSS payload managed to create.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use reqwest::Url;

/// A form's target and the fields it would submit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub action: Url,
    /// `GET` or `POST`.
    pub method: String,
    pub fields: Vec<FormField>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub name: String,
    pub value: String,
    /// The input type (`text`, `hidden`, `password`, ...); `textarea` and `select` by tag.
    pub kind: String,
}

/// What a page links to.
#[derive(Debug, Default, Clone)]
pub struct Page {
    pub links: Vec<Url>,
    pub forms: Vec<Form>,
    /// Sub-resources the page loads (scripts, images, frames, stylesheets), for mixed content.
    pub resources: Vec<Url>,
}

fn tokens(body: &[u8]) -> impl Iterator<Item = Token> + '_ {
    let mut emitter = DefaultEmitter::default();
    // Raw-text elements (script, style, textarea, title) hold text, not tags.
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(body, emitter).flatten()
}

fn text(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// Links, forms and resources of the page at `base`.
pub fn parse(base: &Url, body: &[u8]) -> Page {
    let mut page = Page::default();
    let mut base = base.clone();
    let mut form: Option<Form> = None;
    for token in tokens(body) {
        let tag = match token {
            Token::StartTag(tag) => tag,
            Token::EndTag(end) if &*end.name == b"form" => {
                page.forms.extend(form.take());
                continue;
            }
            _ => continue,
        };
        let name = text(&tag.name);
        let attr = |n: &str| {
            tag.attributes
                .get(n.as_bytes())
                .map(|v| text(v).trim().to_string())
        };
        let resolve = |v: Option<String>| v.and_then(|v| base.join(&v).ok());
        match name.as_str() {
            "base" => {
                if let Some(href) = resolve(attr("href")) {
                    base = href;
                }
            }
            "a" | "area" => page.links.extend(resolve(attr("href"))),
            "iframe" | "frame" => {
                if let Some(u) = resolve(attr("src")) {
                    page.links.push(u.clone());
                    page.resources.push(u);
                }
            }
            "script" | "img" | "audio" | "video" | "source" | "embed" => {
                page.resources.extend(resolve(attr("src")))
            }
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.contains("stylesheet") || rel.contains("icon") {
                    page.resources.extend(resolve(attr("href")));
                }
            }
            "form" => {
                page.forms.extend(form.take());
                let action = attr("action")
                    .filter(|a| !a.is_empty())
                    .and_then(|a| base.join(&a).ok())
                    .unwrap_or_else(|| base.clone());
                let method = attr("method")
                    .map(|m| m.to_ascii_uppercase())
                    .filter(|m| m == "POST")
                    .unwrap_or_else(|| "GET".into());
                form = Some(Form {
                    action,
                    method,
                    fields: Vec::new(),
                });
            }
            "input" | "textarea" | "select" | "button" => {
                let (Some(f), Some(field_name)) = (form.as_mut(), attr("name")) else {
                    continue;
                };
                let kind = if name == "input" {
                    attr("type")
                        .unwrap_or_else(|| "text".into())
                        .to_ascii_lowercase()
                } else {
                    name.clone()
                };
                if matches!(
                    kind.as_str(),
                    "submit" | "button" | "image" | "reset" | "file"
                ) {
                    continue;
                }
                if field_name.is_empty() || f.fields.iter().any(|x| x.name == field_name) {
                    continue;
                }
                f.fields.push(FormField {
                    name: field_name,
                    value: attr("value").unwrap_or_default(),
                    kind,
                });
            }
            _ => {}
        }
    }
    page.forms.extend(form.take());
    page
}

/// Markup an XSS payload created, as the browser's tokenizer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Injection {
    /// An element whose name is the marker: the payload closed what it was in and opened a tag.
    Element { tag: String },
    /// An event-handler attribute whose value is the marker call, on an existing element.
    Attribute {
        tag: String,
        attribute: String,
        value: String,
    },
}

/// Whether `body` holds an element named `marker` or an `on*` handler attribute whose
/// value is exactly `marker()`. Escaped or quoted reflections produce neither.
pub fn find_injection(body: &[u8], marker: &str) -> Option<Injection> {
    let call = format!("{marker}()");
    for token in tokens(body) {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = text(&tag.name);
        if name == marker {
            return Some(Injection::Element { tag: name });
        }
        for (attr, value) in &tag.attributes {
            if attr.starts_with(b"on") && text(value).trim() == call {
                return Some(Injection::Attribute {
                    tag: name,
                    attribute: text(attr),
                    value: call,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_forms_and_base() {
        let base = Url::parse("http://h/dir/page").unwrap();
        let html = br#"<a href="a?x=1">a</a><script>var s = "<a href='/not-a-link'>";</script>
<form action="/login" method="post"><input type="hidden" name="csrf" value="t"><input name="user"><textarea name="bio"></textarea><input type="submit" name="go"></form>
<base href="http://h/other/"><a href="b">b</a><img src="http://cdn/x.png">"#;
        let page = parse(&base, html);
        let links: Vec<&str> = page.links.iter().map(Url::as_str).collect();
        assert_eq!(links, ["http://h/dir/a?x=1", "http://h/other/b"]);
        assert_eq!(page.forms.len(), 1);
        let form = &page.forms[0];
        assert_eq!(
            (form.action.as_str(), form.method.as_str()),
            ("http://h/login", "POST")
        );
        let names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["csrf", "user", "bio"]);
        assert_eq!(page.resources.len(), 1);
    }

    #[test]
    fn injections_are_found_by_parsing_not_by_substring() {
        let m = "stwx1a2b";
        assert_eq!(
            find_injection(b"<p>Results for: '\"><stwx1a2b></p>", m),
            Some(Injection::Element {
                tag: "stwx1a2b".into()
            })
        );
        assert!(matches!(
            find_injection(br#"<input value="" onmouseover="stwx1a2b()">"#, m),
            Some(Injection::Attribute { .. })
        ));
        // Escaped, inside a raw-text element, inside a comment, or in a quoted value.
        for safe in [
            &b"<p>&lt;stwx1a2b&gt;</p>"[..],
            b"<textarea><stwx1a2b></textarea>",
            b"<!-- <stwx1a2b> -->",
            b"<input value=\"&quot; onmouseover=&quot;stwx1a2b()\">",
            b"<script>var q = '<stwx1a2b>';</script>",
        ] {
            assert_eq!(
                find_injection(safe, m),
                None,
                "{}",
                String::from_utf8_lossy(safe)
            );
        }
    }
}
