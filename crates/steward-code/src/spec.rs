//! What the taint engine looks for, loaded from data: a language's sources and general
//! sanitizers (`taint/<language>.yml`), and each taint rule's sinks and own sanitizers
//! (the `taint:` section of a rule file).

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

/// A dotted name pattern: `flask.request.args`, `*.execute`, `open().read`. A leading `*`
/// stands for any receiver (one or more leading segments).
#[derive(Debug, Clone)]
pub struct Pattern {
    any_receiver: bool,
    segments: Vec<Arc<str>>,
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("empty name pattern".into());
        }
        let (any_receiver, rest) = match text.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let segments: Vec<Arc<str>> = split_path(rest).map(Arc::from).collect();
        if segments.iter().any(|s| s.is_empty() || s.contains('*')) {
            return Err(format!(
                "`{text}`: a pattern is dotted names, with `*.` only at the start"
            ));
        }
        Ok(Pattern {
            any_receiver,
            segments,
        })
    }

    pub fn last(&self) -> &str {
        self.segments.last().map_or("", |s| s)
    }

    /// Whether the dotted `path` is this pattern.
    pub fn matches(&self, path: &str) -> bool {
        let mut parts = split_path(path).rev();
        let mut n = 0;
        for seg in self.segments.iter().rev() {
            match parts.next() {
                Some(p) if p == &**seg => n += 1,
                _ => return false,
            }
        }
        let _ = n;
        if self.any_receiver {
            parts.next().is_some()
        } else {
            parts.next().is_none()
        }
    }
}

/// Split a path on dots that are not inside call parentheses (`a(b.c).d` has two parts).
pub fn split_path(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, b) in path.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b'.' if depth == 0 => {
                parts.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&path[start..]);
    parts.into_iter()
}

/// The last segment of a path: what the lookup index is keyed on.
pub fn last_segment(path: &str) -> &str {
    split_path(path).next_back().unwrap_or(path)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Reading the name is the source (`flask.request.args`, `sys.argv`).
    Access,
    /// Calling it returns the source (`input`, `os.getenv`).
    Call,
}

#[derive(Debug, Clone)]
pub struct SourceSpec {
    pub kind: SourceKind,
    pub pattern: Pattern,
    pub label: Arc<str>,
}

#[derive(Debug, Clone)]
pub struct SinkSpec {
    pub pattern: Pattern,
    /// Positional arguments that are dangerous; empty with no `kwargs` means all.
    pub args: Vec<usize>,
    pub kwargs: Vec<Arc<str>>,
    /// Only when this keyword argument is given a truthy constant (`shell=True`).
    pub when_true: Option<Arc<str>>,
    /// The receiver object itself is dangerous (`el.innerHTML = x` is lowered so).
    pub receiver: bool,
    /// Not a sink when one of these keyword arguments names one of these values
    /// (`Loader=yaml.SafeLoader`).
    pub unless: Vec<(Arc<str>, Vec<Pattern>)>,
    /// Only when the call's text matches (`LIBXML_NOENT` among PHP's parser options, the
    /// `e` modifier of `preg_replace`).
    pub when_match: Option<regex::Regex>,
    /// Not when the call's text matches (`unserialize($x, ['allowed_classes' => false])`).
    pub unless_match: Option<regex::Regex>,
    /// Not when the call is also one of these (`*.query`, but not `DOMXPath.query`).
    pub except: Vec<Pattern>,
    /// Only when each of these positional arguments is one of these constants or a value
    /// of one of these named types (`exec.Command("sh", "-c", x)`; `fmt.Fprintf(w, ...)`
    /// with `w` an `http.ResponseWriter`).
    pub when_args: Vec<(usize, Vec<AllowedArg>)>,
}

/// A value a `when_args` position admits: a constant as written, or a named type.
pub type AllowedArg = (Arc<str>, Option<Pattern>);

/// One taint rule, as the engine runs it.
#[derive(Debug, Clone)]
pub struct TaintRule {
    /// Index into the engine's rules.
    pub rule: usize,
    /// This rule's bit in a trace's sanitized mask.
    pub bit: u64,
    pub sinks: Vec<SinkSpec>,
    pub sanitizers: Vec<Pattern>,
    /// The HTTP response body of a route function is a sink.
    pub response: bool,
    /// Property assignments that are sinks (`innerHTML`, `outerHTML`).
    pub assign_sinks: Vec<Arc<str>>,
    /// A constant prefix that fixes the scheme and host (`https://api.example.com/`) or
    /// a local path (`/profile/`) makes the value harmless for this rule.
    pub fixed_prefix: bool,
    /// The sink's return value carries none of its argument's data (a query's rows, a
    /// command's exit status, a response object already reported).
    pub result_clean: bool,
    /// Sources (by label) this rule does not consider.
    pub ignore_sources: Vec<Arc<str>>,
}

/// Everything the engine needs for one language.
#[derive(Debug, Default)]
pub struct TaintSpec {
    pub sources: Vec<SourceSpec>,
    /// Calls whose result carries no data from their arguments (`int`, `len`).
    pub cleaners: Vec<Pattern>,
    /// Methods that put their arguments into the receiver (`append`, `push`).
    pub mutators: Vec<Arc<str>>,
    /// Calls whose result is made only of their arguments and receiver (`str`, `.strip`).
    pub pure: Vec<Pattern>,
    /// Calls that do not return (`abort`, `sys.exit`).
    pub terminators: Vec<Pattern>,
    /// Checks that, when they pass, leave only safe characters in their argument:
    /// `re.fullmatch`, and `re.match`/`re.search` with a pattern anchored at both ends.
    pub validators: Vec<Pattern>,
    /// Keyword arguments that convert the result with the cleaner they name
    /// (`request.args.get("n", type=int)`).
    pub cleaner_kwargs: Vec<Arc<str>>,
    /// Fields whose value carries none of the object's data (`length`).
    pub clean_fields: Vec<Arc<str>>,
    pub rules: Vec<TaintRule>,
    /// The bits of the rules with `fixed_prefix`.
    pub prefix_bits: u64,
    /// Every name any pattern mentions: a dotted path is only worth building through
    /// these.
    segments: std::collections::HashSet<Arc<str>>,
    by_last: HashMap<Arc<str>, Vec<Entry>>,
}

#[derive(Debug, Clone, Copy)]
pub enum Entry {
    Source(usize),
    Cleaner(usize),
    /// (rule, sink)
    Sink(usize, usize),
    /// (rule, sanitizer)
    Sanitizer(usize, usize),
}

impl TaintSpec {
    pub fn finish(&mut self) {
        let mut by_last: HashMap<Arc<str>, Vec<Entry>> = HashMap::new();
        let mut add = |p: &Pattern, e: Entry| {
            by_last.entry(Arc::from(p.last())).or_default().push(e);
        };
        for (i, s) in self.sources.iter().enumerate() {
            add(&s.pattern, Entry::Source(i));
        }
        for (i, c) in self.cleaners.iter().enumerate() {
            add(c, Entry::Cleaner(i));
        }
        for (r, rule) in self.rules.iter().enumerate() {
            for (i, s) in rule.sinks.iter().enumerate() {
                add(&s.pattern, Entry::Sink(r, i));
            }
            for (i, s) in rule.sanitizers.iter().enumerate() {
                add(s, Entry::Sanitizer(r, i));
            }
        }
        self.by_last = by_last;
        let mut segments = std::collections::HashSet::new();
        let all = self
            .sources
            .iter()
            .map(|s| &s.pattern)
            .chain(&self.cleaners)
            .chain(&self.pure)
            .chain(&self.terminators)
            .chain(&self.validators)
            .chain(self.rules.iter().flat_map(|r| {
                r.sinks
                    .iter()
                    .map(|s| &s.pattern)
                    .chain(&r.sanitizers)
                    .chain(
                        r.sinks
                            .iter()
                            .flat_map(|s| s.unless.iter().flat_map(|(_, p)| p)),
                    )
                    .chain(r.sinks.iter().flat_map(|s| &s.except))
                    .chain(r.sinks.iter().flat_map(|s| {
                        s.when_args
                            .iter()
                            .flat_map(|(_, v)| v.iter().filter_map(|(_, p)| p.as_ref()))
                    }))
            }));
        for p in all {
            for s in &p.segments {
                // `getRuntime()` in `*.getRuntime().exec` names the method `getRuntime`.
                match s.strip_suffix("()") {
                    Some(called) => segments.insert(Arc::from(called)),
                    None => segments.insert(s.clone()),
                };
            }
        }
        self.segments = segments;
        self.prefix_bits = self
            .rules
            .iter()
            .filter(|r| r.fixed_prefix)
            .fold(0, |m, r| m | r.bit);
    }

    /// Entries whose pattern ends in `last`: the only ones a path ending so can match.
    pub fn candidates(&self, last: &str) -> &[Entry] {
        self.by_last.get(last).map_or(&[], |v| v.as_slice())
    }

    pub fn is_pure(&self, path: &str) -> bool {
        any_matches(&self.pure, path)
    }

    pub fn is_terminator(&self, path: &str) -> bool {
        any_matches(&self.terminators, path)
    }

    pub fn is_validator(&self, path: &str) -> bool {
        any_matches(&self.validators, path)
    }

    pub fn is_cleaner(&self, path: &str) -> bool {
        any_matches(&self.cleaners, path)
    }

    /// Whether a name appears anywhere in a pattern.
    pub fn mentions(&self, segment: &str) -> bool {
        self.segments.contains(segment)
    }

    pub fn is_interesting(&self, last: &str) -> bool {
        self.by_last.contains_key(last)
    }
}

fn any_matches(patterns: &[Pattern], path: &str) -> bool {
    let last = last_segment(path);
    patterns.iter().any(|p| p.last() == last && p.matches(path))
}

/// `taint/<language>.yml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageModelFile {
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    #[serde(default)]
    pub cleaners: Vec<String>,
    #[serde(default)]
    pub mutators: Vec<String>,
    #[serde(default)]
    pub pure: Vec<String>,
    #[serde(default)]
    pub terminators: Vec<String>,
    #[serde(default)]
    pub validators: Vec<String>,
    #[serde(default)]
    pub cleaner_kwargs: Vec<String>,
    #[serde(default)]
    pub clean_fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    #[serde(default)]
    pub access: Option<String>,
    #[serde(default)]
    pub call: Option<String>,
    pub label: String,
}

/// The `taint:` section of a rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaintSection {
    #[serde(default)]
    pub sinks: Vec<SinkFile>,
    #[serde(default)]
    pub sanitizers: Vec<String>,
    #[serde(default)]
    pub response: bool,
    #[serde(default)]
    pub assign_sinks: Vec<String>,
    #[serde(default)]
    pub fixed_prefix: bool,
    #[serde(default)]
    pub result_clean: bool,
    #[serde(default)]
    pub ignore_sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinkFile {
    pub call: String,
    #[serde(default)]
    pub args: Vec<usize>,
    #[serde(default)]
    pub kwargs: Vec<String>,
    #[serde(default)]
    pub when_true: Option<String>,
    #[serde(default)]
    pub receiver: bool,
    #[serde(default)]
    pub unless: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub when_match: Option<String>,
    #[serde(default)]
    pub unless_match: Option<String>,
    #[serde(default)]
    pub except: Vec<String>,
    #[serde(default)]
    pub when_args: std::collections::BTreeMap<usize, Vec<String>>,
}

impl LanguageModelFile {
    pub fn into_spec(self) -> Result<TaintSpec, String> {
        let mut spec = TaintSpec::default();
        for s in self.sources {
            let (kind, pattern) = match (s.access, s.call) {
                (Some(p), None) => (SourceKind::Access, p),
                (None, Some(p)) => (SourceKind::Call, p),
                _ => {
                    return Err(format!(
                        "source `{}`: give exactly one of access or call",
                        s.label
                    ));
                }
            };
            spec.sources.push(SourceSpec {
                kind,
                pattern: Pattern::parse(&pattern)?,
                label: Arc::from(s.label),
            });
        }
        for c in self.cleaners {
            spec.cleaners.push(Pattern::parse(&c)?);
        }
        spec.mutators = self.mutators.into_iter().map(Arc::from).collect();
        for p in self.pure {
            spec.pure.push(Pattern::parse(&p)?);
        }
        for p in self.terminators {
            spec.terminators.push(Pattern::parse(&p)?);
        }
        for p in self.validators {
            spec.validators.push(Pattern::parse(&p)?);
        }
        spec.cleaner_kwargs = self.cleaner_kwargs.into_iter().map(Arc::from).collect();
        spec.clean_fields = self.clean_fields.into_iter().map(Arc::from).collect();
        Ok(spec)
    }
}

impl TaintSection {
    pub fn into_rule(self, rule: usize, bit: u64) -> Result<TaintRule, String> {
        let mut sinks = Vec::new();
        for s in self.sinks {
            let regex = |r: Option<String>| {
                r.map(|r| {
                    regex::Regex::new(&r).map_err(|e| format!("sink `{}`: `{r}`: {e}", s.call))
                })
                .transpose()
            };
            let when_match = regex(s.when_match.clone())?;
            let unless_match = regex(s.unless_match.clone())?;
            let except = s
                .except
                .iter()
                .map(|p| Pattern::parse(p))
                .collect::<Result<Vec<_>, _>>()?;
            let when_args = s
                .when_args
                .iter()
                .map(|(i, v)| {
                    let allowed = v
                        .iter()
                        .map(|x| (Arc::from(x.as_str()), Pattern::parse(x).ok()))
                        .collect();
                    (*i, allowed)
                })
                .collect();
            sinks.push(SinkSpec {
                when_args,
                when_match,
                unless_match,
                except,
                pattern: Pattern::parse(&s.call)?,
                args: s.args,
                kwargs: s.kwargs.into_iter().map(Arc::from).collect(),
                when_true: s.when_true.map(Arc::from),
                receiver: s.receiver,
                unless: s
                    .unless
                    .into_iter()
                    .map(|(k, v)| {
                        let pats = v
                            .iter()
                            .map(|p| Pattern::parse(p))
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok((Arc::from(k), pats))
                    })
                    .collect::<Result<_, String>>()?,
            });
        }
        if sinks.is_empty() && !self.response && self.assign_sinks.is_empty() {
            return Err("a taint rule needs at least one sink".into());
        }
        let sanitizers = self
            .sanitizers
            .iter()
            .map(|s| Pattern::parse(s))
            .collect::<Result<_, _>>()?;
        Ok(TaintRule {
            rule,
            bit,
            sinks,
            sanitizers,
            response: self.response,
            assign_sinks: self.assign_sinks.into_iter().map(Arc::from).collect(),
            fixed_prefix: self.fixed_prefix,
            result_clean: self.result_clean,
            ignore_sources: self.ignore_sources.into_iter().map(Arc::from).collect(),
        })
    }
}

/// Whether a constant string that starts a URL or path pins where it points: a scheme and
/// a host followed by `/`, or a local path (`/x...`, not `//` or `/\\`, which browsers
/// treat as another host). Format placeholders end the constant part.
pub fn fixes_target(prefix: &str) -> bool {
    // PHP's `header("Location: /profile/" . $x)`.
    let prefix = match prefix.get(..9) {
        Some(head) if head.eq_ignore_ascii_case("location:") => prefix[9..].trim_start(),
        _ => prefix,
    };
    let end = prefix.find(['%', '{']).unwrap_or(prefix.len());
    let p = &prefix[..end];
    if let Some((scheme, rest)) = p.split_once("://") {
        return !scheme.is_empty()
            && scheme.bytes().all(|b| b.is_ascii_alphabetic())
            && rest
                .find('/')
                .is_some_and(|i| i > 0 && !rest[..i].contains(['@', '\\']));
    }
    let mut chars = p.chars();
    chars.next() == Some('/') && chars.next().is_some_and(|c| c != '/' && c != '\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_paths_or_any_receiver() {
        let p = Pattern::parse("*.execute").unwrap();
        assert!(p.matches("cursor.execute"));
        assert!(p.matches("self.db.cursor().execute"));
        assert!(!p.matches("execute"));
        assert!(!p.matches("cursor.executemany"));
        let q = Pattern::parse("open().read").unwrap();
        assert!(q.matches("open().read"));
        assert!(!q.matches("x.open().read"));
        let r = Pattern::parse("flask.request.args").unwrap();
        assert!(r.matches("flask.request.args"));
        assert!(!r.matches("request.args"));
        assert_eq!(last_segment("a(b.c).d"), "d");
        assert!(Pattern::parse("a.*.b").is_err());
    }

    #[test]
    fn a_prefix_fixes_the_target_only_with_a_host_and_a_slash() {
        assert!(fixes_target("https://api.example.com/items/"));
        assert!(fixes_target("/profile/"));
        assert!(!fixes_target("http://"));
        assert!(!fixes_target("https://api.example.com"));
        assert!(!fixes_target("https://{}/api"));
        assert!(!fixes_target("//"));
        assert!(!fixes_target("/"));
        assert!(!fixes_target("https://user@"));
        assert!(fixes_target("Location: /profile/"));
        assert!(!fixes_target("Location: "));
    }
}
