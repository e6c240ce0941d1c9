//! The secrets engine: one Aho-Corasick pass over each file finds every rule keyword, and
//! only the rules whose keywords occur run their regexes, and only on windows around the
//! hits. Candidates then pass entropy, checksum and placeholder checks, overlapping
//! candidates keep the most specific rule, and findings carry the secret redacted.

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::Captures;
use std::ops::ControlFlow;

use steward_core::engine::{Engine, SourceFile};
use steward_core::piece::{Piece, pieces_of_slice};
use steward_core::{Confidence, Finding, FingerprintKey, LineIndex, Location, Rule};

use crate::decode::{Decoded, Encoding};
use crate::filter::FilterInput;
use crate::keystore::{FileFormat, Keystore};
use crate::rules::{CompiledRule, RuleLoadError, builtin_rules, check_unique, load_rule_dir};
use crate::validate::shannon_entropy;

/// How the engine reports what it finds.
#[derive(Debug, Clone, Default)]
pub struct SecretsOptions {
    /// Put secrets in findings verbatim instead of redacted (`abcd…`). Off by default:
    /// reports are shared, stored and uploaded, and must not spread the leak further.
    pub show_secrets: bool,
    /// The key secret fingerprints are made with (see `steward_core::fingerprint_key`).
    /// Without one the engine makes a random key of its own, so its fingerprints are
    /// stable for the engine's life and comparable with nothing else.
    pub fingerprint_key: Option<FingerprintKey>,
}

/// Finds hard-coded credentials. Build it once and share it: scanning is `&self` and
/// thread-safe.
pub struct SecretsEngine {
    options: SecretsOptions,
    fingerprint_key: FingerprintKey,
    compiled: Vec<CompiledRule>,
    rules: Vec<Rule>,
    prefilter: AhoCorasick,
    /// For each prefilter pattern, the rules that listed it as a keyword.
    keyword_rules: Vec<Vec<u32>>,
    /// For each prefilter pattern, the encoding it is a trigger of (see `decode`).
    keyword_decoder: Vec<Option<Encoding>>,
    /// Rules that report whole files of a binary format (keystores), by format.
    format_rules: Vec<(FileFormat, u32)>,
}

impl std::fmt::Debug for SecretsEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretsEngine")
            .field("options", &self.options)
            .field("rules", &self.rules.len())
            .finish()
    }
}

/// A secret to report: its bytes (from the file, or from a decoded region of it) and the
/// file bytes it is reported at.
struct Hit<'t> {
    rule: u32,
    secret: &'t [u8],
    at: (usize, usize),
    encoding: Option<Encoding>,
}

/// A match that passed every check, before it becomes a finding.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    rule: u32,
    start: usize,
    end: usize,
    priority: i32,
    dropped: bool,
}

impl SecretsEngine {
    /// The engine with steward's built-in rules.
    pub fn new(options: SecretsOptions) -> Result<Self, RuleLoadError> {
        Self::from_compiled(options, builtin_rules()?)
    }

    /// The engine with only the rules in `dir` (every `*.yml`/`*.yaml` file in it).
    pub fn from_rule_dir(options: SecretsOptions, dir: &Path) -> Result<Self, RuleLoadError> {
        Self::from_compiled(options, load_rule_dir(dir)?)
    }

    /// Add the rules in `dir` to this engine's. A rule id that is already defined is an
    /// error, as is any invalid rule file; the error names the file and what is wrong.
    pub fn with_extra_rules(self, dir: &Path) -> Result<Self, RuleLoadError> {
        let mut compiled = self.compiled;
        compiled.extend(load_rule_dir(dir)?);
        check_unique(&compiled)?;
        Self::from_compiled(self.options, compiled)
    }

    fn from_compiled(
        options: SecretsOptions,
        compiled: Vec<CompiledRule>,
    ) -> Result<Self, RuleLoadError> {
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<u32>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (i, rule) in compiled.iter().enumerate() {
            for kw in &rule.keywords {
                let key = kw.to_ascii_lowercase();
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    keywords.push(key);
                    keyword_rules.push(Vec::new());
                    keyword_rules.len() - 1
                });
                if !keyword_rules[slot].contains(&(i as u32)) {
                    keyword_rules[slot].push(i as u32);
                }
            }
        }
        // Encoded secrets are looked for where their triggers are, found by the same pass.
        let mut keyword_decoder: Vec<Option<Encoding>> = vec![None; keywords.len()];
        for (trigger, encoding) in crate::decode::triggers() {
            let key = trigger.to_ascii_lowercase();
            let slot = *index.entry(key.clone()).or_insert_with(|| {
                keywords.push(key);
                keyword_rules.push(Vec::new());
                keyword_decoder.push(None);
                keyword_rules.len() - 1
            });
            keyword_decoder[slot].get_or_insert(encoding);
        }
        // The scan finds, at each position, only the longest keyword starting there; so a
        // keyword also triggers the rules (and decoder) of every keyword it contains
        // (`sk_live_` holds `live_`), and nothing found by an overlapping search is lost.
        let direct = keyword_rules.clone();
        let direct_decoder = keyword_decoder.clone();
        for (i, kw) in keywords.iter().enumerate() {
            for (j, other) in keywords.iter().enumerate() {
                if i != j && kw.contains(other.as_str()) {
                    for &r in &direct[j] {
                        if !keyword_rules[i].contains(&r) {
                            keyword_rules[i].push(r);
                        }
                    }
                    if keyword_decoder[i].is_none() {
                        keyword_decoder[i] = direct_decoder[j];
                    }
                }
            }
        }
        let prefilter = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keywords)
            .map_err(|e| RuleLoadError::Parse {
                file: "<rule keywords>".into(),
                message: format!("building the keyword prefilter failed: {e}"),
            })?;
        let rules = compiled.iter().map(|c| c.rule.clone()).collect();
        let format_rules = compiled
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.file_format.map(|f| (f, i as u32)))
            .collect();
        let fingerprint_key = match &options.fingerprint_key {
            Some(key) => key.clone(),
            None => FingerprintKey::generate().map_err(|e| RuleLoadError::Parse {
                file: "<fingerprint key>".into(),
                message: e.to_string(),
            })?,
        };
        Ok(SecretsEngine {
            options,
            fingerprint_key,
            compiled,
            rules,
            prefilter,
            keyword_rules,
            keyword_decoder,
            format_rules,
        })
    }

    /// The file a rule was loaded from (`builtin:<file>` for built-in rules).
    pub fn rule_source(&self, id: &str) -> Option<&str> {
        self.compiled
            .iter()
            .find(|c| c.rule.id == id)
            .map(|c| c.source.as_str())
    }

    pub fn options(&self) -> &SecretsOptions {
        &self.options
    }

    /// The key this engine's fingerprints are made with.
    pub fn fingerprint_key(&self) -> &FingerprintKey {
        &self.fingerprint_key
    }

    /// Every rule, with the metadata `steward rules show` prints.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub(crate) fn compiled_rules(&self) -> &[CompiledRule] {
        &self.compiled
    }

    /// Scan one file's bytes; `rel_path` is what findings report and what path-based
    /// context (test fixtures, config files) is judged on.
    pub fn scan_bytes(&self, rel_path: &str, bytes: &[u8]) -> Vec<Finding> {
        let mut out = Vec::new();
        self.scan_into(rel_path, bytes, &mut out);
        out
    }

    /// Scan a whole file as the runner would: a binary one for the keystore formats only,
    /// a text one for everything. Returns whether a binary file was of a known format.
    pub fn scan_file_content(&self, rel_path: &str, bytes: &[u8]) -> (Vec<Finding>, bool) {
        let mut out = Vec::new();
        if steward_core::collect::looks_binary(bytes) {
            let known = self.scan_keystore(rel_path, bytes, &mut out);
            (out, known)
        } else {
            self.scan_into(rel_path, bytes, &mut out);
            (out, false)
        }
    }

    /// Report `bytes` if it is a keystore holding keys; returns whether it is a keystore
    /// at all (one holding only certificates is known and not reported).
    fn scan_keystore(&self, path: &str, bytes: &[u8], out: &mut Vec<Finding>) -> bool {
        if self.format_rules.is_empty() || !crate::keystore::may_be_keystore(bytes) {
            return false;
        }
        let Some(found) = crate::keystore::recognise(bytes) else {
            return false;
        };
        let Some(store) = found else {
            return true;
        };
        for &(format, rule) in &self.format_rules {
            if format == store.format {
                out.push(self.keystore_finding(rule, path, bytes, &store));
            }
        }
        true
    }

    /// A keystore as a finding: the whole file is the secret. Nothing of its bytes is shown,
    /// even with `show_secrets` (they are binary); the fingerprint is over all of them.
    fn keystore_finding(&self, rule: u32, path: &str, bytes: &[u8], store: &Keystore) -> Finding {
        let compiled = &self.compiled[rule as usize];
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let keys: Vec<String> = [
            count(store.private_keys, "private key"),
            count(store.secret_keys, "secret key"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut message = format!(
            "{} keystore holding {} is committed ({} bytes, binary)",
            store.kind,
            keys.join(" and "),
            bytes.len()
        );
        if !store.aliases.is_empty() {
            message.push_str(&format!("; entries: {}", store.aliases.join(", ")));
        }
        let mut finding = Finding::new(&compiled.rule, message, Location::whole(path), b"keystore");
        finding.fingerprint = self
            .fingerprint_key
            .fingerprint(&compiled.rule.id, path, bytes);
        let shown = format!("[{} keystore, {} bytes]", store.kind, bytes.len());
        finding.properties.insert("redacted".into(), shown.into());
        finding
            .properties
            .insert("keystore".into(), store.kind.into());
        finding
            .properties
            .insert("private_keys".into(), store.private_keys.into());
        finding
            .properties
            .insert("secret_keys".into(), store.secret_keys.into());
        if is_test_context(path) {
            finding.confidence = lower(finding.confidence);
            finding.properties.insert(
                "context".into(),
                "test, fixture, example or docs path".into(),
            );
        }
        finding
    }

    /// A file already in memory; a large one (a blob from history) is scanned in pieces as
    /// a streamed file is, so the work kept per file (keyword hits, the line index) stays
    /// bounded.
    fn scan_into(&self, path: &str, bytes: &[u8], out: &mut Vec<Finding>) {
        if bytes.len() > steward_core::piece::WINDOW {
            pieces_of_slice(bytes, |window, piece| {
                self.scan_window(path, window, piece, out);
                ControlFlow::Continue(())
            });
        } else {
            self.scan_window(path, bytes, &Piece::whole(bytes.len()), out);
        }
    }

    /// Scan `bytes`, a window of a file or all of it, and report what starts in the part
    /// `piece` owns.
    fn scan_window(&self, path: &str, bytes: &[u8], piece: &Piece, out: &mut Vec<Finding>) {
        let mut triggers = Vec::new();
        let plain = self.candidates(path, bytes, Some(&mut triggers));
        let mut regions: Vec<Decoded> = crate::k8s::secret_data_entries(path, bytes)
            .into_iter()
            .map(|e| {
                Decoded::whole(
                    Encoding::KubernetesSecret,
                    e.decoded.into_bytes(),
                    (e.start, e.end),
                )
            })
            .collect();
        if !triggers.is_empty() {
            regions.extend(crate::decode::decode_regions(bytes, &mut triggers));
        }
        let mut hits: Vec<Hit<'_>> = plain
            .iter()
            .map(|c| Hit {
                rule: c.rule,
                secret: &bytes[c.start..c.end],
                at: (c.start, c.end),
                encoding: None,
            })
            .collect();
        if !regions.is_empty() {
            self.add_decoded_hits(path, &regions, &mut hits);
        }
        if hits.iter().any(|h| piece.owned.contains(&h.at.0)) {
            self.emit(path, bytes, piece, &hits, out);
        }
    }

    /// Scan each decoded region and merge what it finds into `hits`. A base64 value is
    /// judged by its decoded form: a generic rule's finding on its encoded bytes goes, while
    /// a rule made for the encoded form (a kubeconfig's `client-key-data`, a Basic
    /// `Authorization` header) keeps its finding. A secret already found as written keeps
    /// its plain finding.
    fn add_decoded_hits<'t>(&self, path: &str, regions: &'t [Decoded], hits: &mut Vec<Hit<'t>>) {
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for region in regions {
            if region.encoding.replaces_plain() {
                hits.retain(|h| {
                    h.encoding.is_some()
                        || self.compiled[h.rule as usize].priority >= 0
                        || !overlaps(h.at, region.region)
                });
            }
        }
        for region in regions {
            for c in self.candidates(path, &region.text, None) {
                let at = region.map(c.start, c.end);
                let taken = hits.iter().any(|h| {
                    overlaps(h.at, at)
                        && (h.rule == c.rule
                            || h.encoding.is_none()
                            || !region.encoding.replaces_plain())
                });
                if !taken {
                    hits.push(Hit {
                        rule: c.rule,
                        secret: &region.text[c.start..c.end],
                        at,
                        encoding: Some(region.encoding),
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.at.0, std::cmp::Reverse(h.at.1), h.rule));
    }

    /// Where a secret is: its own line and columns, and a snippet cut around it with
    /// every secret in `spans` redacted (unless secrets are shown). The core's
    /// `LineIndex::location` would copy whole lines, which in minified files are megabytes.
    fn location(
        &self,
        index: &LineIndex,
        path: &str,
        bytes: &[u8],
        start: usize,
        end: usize,
        spans: &[(usize, usize)],
    ) -> (Location, Option<u32>) {
        let (start_line, start_column) = index.line_col(bytes, start);
        let (end_line, end_column) = index.line_col(bytes, end);
        let spans: &[(usize, usize)] = if self.options.show_secrets {
            &[]
        } else {
            spans
        };
        let (snippet, snippet_column) = snippet(bytes, start, end, spans);
        let location = Location {
            path: path.to_string(),
            start_line,
            start_column,
            end_line,
            end_column,
            snippet: Some(snippet),
        };
        (location, snippet_column)
    }

    /// The secrets in `bytes` as they are, without decoding anything; keyword hits that are
    /// an encoding's triggers go to `triggers`, when given.
    fn candidates(
        &self,
        path: &str,
        bytes: &[u8],
        mut triggers: Option<&mut Vec<(Encoding, usize, usize)>>,
    ) -> Vec<Candidate> {
        let mut hits: Vec<(u32, usize, usize)> = Vec::new();
        // Leftmost-longest search, restarted one byte after each match start rather than
        // after its end, finds every keyword occurrence (overlapping ones included) while
        // keeping the fast prefiltered search between matches.
        let mut at = 0;
        while at < bytes.len() {
            let Some(m) = self
                .prefilter
                .find(aho_corasick::Input::new(bytes).range(at..))
            else {
                break;
            };
            let pattern = m.pattern().as_usize();
            for &r in &self.keyword_rules[pattern] {
                hits.push((r, m.start(), m.end()));
            }
            if let (Some(encoding), Some(triggers)) =
                (self.keyword_decoder[pattern], triggers.as_deref_mut())
            {
                triggers.push((encoding, m.start(), m.end()));
            }
            at = m.start() + 1;
        }
        if let Some(triggers) = triggers {
            keep_triggers_near_keywords(bytes, triggers, &hits);
        }
        if hits.is_empty() {
            return Vec::new();
        }
        hits.sort_unstable();
        let mut candidates = Vec::new();
        for group in hits.chunk_by(|a, b| a.0 == b.0) {
            self.run_rule(group[0].0, group, path, bytes, &mut candidates);
        }
        if candidates.is_empty() {
            return candidates;
        }
        resolve_overlaps(&mut candidates);
        candidates.retain(|c| !c.dropped);
        candidates
    }

    /// Turn the accepted secrets of one file (or window of one) into findings: those that
    /// start in the part `piece` owns, located in the whole file. Every secret in the
    /// window is redacted in the snippets.
    fn emit(
        &self,
        path: &str,
        bytes: &[u8],
        piece: &Piece,
        hits: &[Hit<'_>],
        out: &mut Vec<Finding>,
    ) {
        let spans: Vec<(usize, usize)> = hits.iter().map(|h| h.at).collect();
        let index = LineIndex::new(bytes);
        let test_context = is_test_context(path);
        // First line of each rule's finding, to tell paired rules about each other.
        let mut first_line: Vec<(&str, u32)> = Vec::new();
        for h in hits {
            let id = self.compiled[h.rule as usize].rule.id.as_str();
            if !first_line.iter().any(|(r, _)| *r == id) {
                let (line, column) = index.line_col(bytes, h.at.0);
                first_line.push((id, piece.file_position(line, column).0));
            }
        }
        for h in hits.iter().filter(|h| piece.owned.contains(&h.at.0)) {
            let compiled = &self.compiled[h.rule as usize];
            let secret = h.secret;
            let (mut location, snippet_column) =
                self.location(&index, path, bytes, h.at.0, h.at.1, &spans);
            (location.start_line, location.start_column) =
                piece.file_position(location.start_line, location.start_column);
            (location.end_line, location.end_column) =
                piece.file_position(location.end_line, location.end_column);
            let redacted = redact(secret);
            let shown = if self.options.show_secrets {
                String::from_utf8_lossy(secret).into_owned()
            } else {
                redacted.clone()
            };
            let mut message = format!("{} `{shown}` is hard-coded", compiled.rule.title);
            if let Some(encoding) = h.encoding {
                message.push_str(encoding.note());
            }
            let mut finding = Finding::new(&compiled.rule, message, location, secret);
            // Keyed, so the fingerprint cannot be reversed into a short secret by guessing.
            finding.fingerprint = self
                .fingerprint_key
                .fingerprint(&compiled.rule.id, path, secret);
            if let Some(col) = snippet_column {
                finding.properties.insert(SNIPPET_COLUMN.into(), col.into());
            }
            if let Some(encoding) = h.encoding {
                finding
                    .properties
                    .insert("encoding".into(), encoding.label().into());
            }
            if let Some(pair) = &compiled.pair
                && let Some((_, line)) = first_line.iter().find(|(r, _)| r == pair)
            {
                finding.confidence = Confidence::High;
                finding.properties.insert(
                    "paired_with".into(),
                    serde_json::json!({ "rule": pair, "line": line }),
                );
            }
            if test_context {
                finding.confidence = lower(finding.confidence);
                finding.properties.insert(
                    "context".into(),
                    "test, fixture, example or docs path".into(),
                );
            }
            finding
                .properties
                .insert("redacted".into(), redacted.into());
            if self.options.show_secrets {
                finding.properties.insert(
                    "secret".into(),
                    String::from_utf8_lossy(secret).into_owned().into(),
                );
            }
            let entropy = (shannon_entropy(secret) * 100.0).round() / 100.0;
            finding.properties.insert("entropy".into(), entropy.into());
            out.push(finding);
        }
    }

    /// Run one rule's patterns on the merged windows around its keyword hits.
    fn run_rule(
        &self,
        rule_idx: u32,
        hits: &[(u32, usize, usize)],
        path: &str,
        bytes: &[u8],
        out: &mut Vec<Candidate>,
    ) {
        let rule = &self.compiled[rule_idx as usize];
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for &(_, start, end) in hits {
            let ws = line_start_near(bytes, start.saturating_sub(rule.window));
            let we = line_end_near(bytes, (end + rule.window).min(bytes.len()));
            match windows.last_mut() {
                Some(last) if ws <= last.1 => last.1 = last.1.max(we),
                _ => windows.push((ws, we)),
            }
        }
        for (ws, we) in windows {
            let hay = &bytes[ws..we];
            for pattern in &rule.patterns {
                if pattern.paths.as_ref().is_some_and(|p| !p.is_match(path)) {
                    continue;
                }
                let Some((regex, group)) = pattern.regex() else {
                    continue;
                };
                for caps in regex.captures_iter(hay) {
                    let Some(m) = caps.get(*group) else {
                        continue;
                    };
                    let (start, end) = trim_span(bytes, ws + m.start(), ws + m.end());
                    if start < end && self.accept(rule, &caps, bytes, start, end, path) {
                        out.push(Candidate {
                            rule: rule_idx,
                            start,
                            end,
                            priority: rule.priority,
                            dropped: false,
                        });
                    }
                }
            }
        }
    }

    fn accept(
        &self,
        rule: &CompiledRule,
        caps: &Captures<'_>,
        bytes: &[u8],
        start: usize,
        end: usize,
        path: &str,
    ) -> bool {
        let secret = &bytes[start..end];
        // Vendors' documentation keys (`AKIAIOSFODNN7EXAMPLE`) say so.
        if contains_ignore_case(secret, b"example") || has_filler_run(secret) {
            return false;
        }
        // A token's shape inside a password hash (`$2b$12$cio…`) is a piece of the hash.
        if inside_crypt_hash(bytes, start) {
            return false;
        }
        if let Some(min) = rule.entropy
            && shannon_entropy(secret) < min
        {
            return false;
        }
        if let Some(checksum) = rule.checksum
            && !checksum.check(secret)
        {
            return false;
        }
        if let Some(filter) = rule.filter {
            // A pattern marks values it knows are literals (XML text, connection-string
            // fields) with an empty `lit` group; otherwise a quote before the value says so.
            let quoted = caps.name("lit").is_some()
                || (start > 0 && matches!(bytes[start - 1], b'"' | b'\'' | b'`'));
            let input = FilterInput {
                name: caps.name("name").map(|m| m.as_bytes()),
                sep: caps.name("sep").map(|m| m.as_bytes()),
                user: caps.name("user").map(|m| m.as_bytes()),
                secret,
                quoted,
                path,
            };
            if !filter.accept(&input) {
                return false;
            }
        }
        true
    }
}

impl Engine for SecretsEngine {
    fn name(&self) -> &'static str {
        "secrets"
    }

    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn wants_file(&self, _rel_path: &str) -> bool {
        true
    }

    fn scan_file(&self, file: &SourceFile<'_>, out: &mut Vec<Finding>) {
        // A keystore without a NUL byte early on is rare, but its structure says what it is.
        self.scan_keystore(file.rel_path, file.bytes, out);
        self.scan_into(file.rel_path, file.bytes, out);
    }

    fn scan_binary(&self, file: &SourceFile<'_>, out: &mut Vec<Finding>) -> bool {
        self.scan_keystore(file.rel_path, file.bytes, out)
    }

    fn scans_large_files(&self) -> bool {
        true
    }

    fn scan_piece(&self, file: &SourceFile<'_>, piece: &Piece, out: &mut Vec<Finding>) {
        self.scan_window(file.rel_path, file.bytes, piece, out);
    }
}

/// Escapes and percent-encoding hide a secret's shape, not its name: `\"password\": \"…\"`
/// and `%22password%22%3A` still spell `password`, `postgres%3A%2F%2F` still `postgres`. So
/// an escaped or percent-encoded line is decoded only when some rule's keyword is on it;
/// escaped JSON without one (recorded API responses are full of it) is left alone. Base64
/// hides the keywords too, so its triggers are the keywords' own encodings and stay.
fn keep_triggers_near_keywords(
    bytes: &[u8],
    triggers: &mut Vec<(Encoding, usize, usize)>,
    hits: &[(u32, usize, usize)],
) {
    if triggers.iter().all(|t| t.0 == Encoding::Base64) {
        return;
    }
    let mut keyword_at: Vec<usize> = hits.iter().map(|h| h.1).collect();
    keyword_at.sort_unstable();
    triggers.retain(|&(encoding, start, end)| {
        if encoding == Encoding::Base64 {
            return true;
        }
        let (from, to) = (line_start_near(bytes, start), line_end_near(bytes, end));
        let first = keyword_at.partition_point(|&k| k < from);
        keyword_at.get(first).is_some_and(|&k| k < to)
    });
}

/// Where two candidates overlap, only the higher-priority rule reports (a GitHub token in
/// `token = "ghp_..."` is a GitHub token, not a generic secret); a rule that matched the
/// same span twice reports once.
fn resolve_overlaps(cands: &mut [Candidate]) {
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.rule));
    for i in 0..cands.len() {
        for j in i + 1..cands.len() {
            if cands[j].start >= cands[i].end {
                break;
            }
            let (a, b) = (cands[i], cands[j]);
            let same = a.rule == b.rule && a.start == b.start && a.end == b.end;
            if same || a.priority > b.priority {
                cands[j].dropped = true;
            } else if b.priority > a.priority {
                cands[i].dropped = true;
            }
        }
    }
}

/// Longest stretch searched past the window edge to reach a line boundary, so minified
/// one-line files keep windows small.
const LINE_SLACK: usize = 512;

pub(crate) fn line_start_near(bytes: &[u8], pos: usize) -> usize {
    let floor = pos.saturating_sub(LINE_SLACK);
    memchr::memrchr(b'\n', &bytes[floor..pos]).map_or(floor, |i| floor + i + 1)
}

pub(crate) fn line_end_near(bytes: &[u8], pos: usize) -> usize {
    let ceil = (pos + LINE_SLACK).min(bytes.len());
    memchr::memchr(b'\n', &bytes[pos..ceil]).map_or(ceil, |i| pos + i)
}

/// Drop surrounding whitespace and escaped newlines (`\n` in a JSON string) from a span.
fn trim_span(bytes: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    loop {
        if start < end && bytes[start].is_ascii_whitespace() {
            start += 1;
        } else if end - start >= 2 && bytes[start] == b'\\' && bytes[start + 1] == b'n' {
            start += 2;
        } else {
            break;
        }
    }
    loop {
        if end > start && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        } else if end - start >= 2 && bytes[end - 2] == b'\\' && bytes[end - 1] == b'n' {
            end -= 2;
        } else {
            break;
        }
    }
    (start, end)
}

/// Whether `start` is inside a crypt-style password hash (`$2b$12$…`, `$6$rounds=5000$salt$…`,
/// `$argon2id$…`): the run of hash characters before it opens with `$<scheme>$`. A match
/// that begins at the `$` (the htpasswd rule's) is not inside one.
fn inside_crypt_hash(bytes: &[u8], start: usize) -> bool {
    let floor = start.saturating_sub(128);
    let mut from = start;
    while from > floor
        && matches!(bytes[from - 1], b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'/' | b'$' | b'+' | b'=' | b',' | b'-')
    {
        from -= 1;
    }
    let Some(rest) = bytes[from..start].strip_prefix(b"$") else {
        return false;
    };
    let Some(end) = memchr::memchr(b'$', rest) else {
        return false;
    };
    matches!(
        &rest[..end],
        b"1" | b"2a"
            | b"2b"
            | b"2x"
            | b"2y"
            | b"5"
            | b"6"
            | b"7"
            | b"y"
            | b"gy"
            | b"apr1"
            | b"argon2i"
            | b"argon2d"
            | b"argon2id"
            | b"scrypt"
            | b"pbkdf2"
            | b"pbkdf2-sha256"
            | b"pbkdf2-sha512"
    )
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// `xxxxxx`, `000000`, `******`: a stand-in, not random material.
fn has_filler_run(secret: &[u8]) -> bool {
    secret.chunk_by(|a, b| a == b).any(|run| {
        run.len() >= 6
            && matches!(
                run[0],
                b'x' | b'X' | b'0' | b'*' | b'.' | b'#' | b'-' | b'_'
            )
    })
}

fn lower(c: Confidence) -> Confidence {
    match c {
        Confidence::High => Confidence::Medium,
        Confidence::Medium | Confidence::Low => Confidence::Low,
    }
}

/// Paths whose secrets are more often fakes: tests, fixtures, examples, docs.
fn is_test_context(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.split(['/', '.', '_', '-']).any(|seg| {
        matches!(
            seg,
            "test"
                | "tests"
                | "testing"
                | "testdata"
                | "spec"
                | "specs"
                | "fixture"
                | "fixtures"
                | "example"
                | "examples"
                | "sample"
                | "samples"
                | "doc"
                | "docs"
                | "mock"
                | "mocks"
                | "__tests__"
                | "demo"
        )
    })
}

/// The secret as reports show it: its first characters, then `…`. Short secrets show
/// fewer characters so that the prefix never gives most of it away.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let n = text.chars().count();
    let keep = if n >= 16 { 4 } else { n / 4 };
    let mut out: String = text.chars().take(keep).collect();
    out.push('…');
    out
}

/// Bytes of context kept on each side of a secret in a long line.
const SNIPPET_CONTEXT: usize = 160;

/// Finding property: where the secret starts in a snippet cut from a long line (see
/// `steward_core::report::SNIPPET_COLUMN_PROPERTY`).
const SNIPPET_COLUMN: &str = steward_core::report::SNIPPET_COLUMN_PROPERTY;

/// The line(s) holding `start..end`, with every secret in `spans` (sorted by start)
/// redacted, cut around the secret when the line is long. When it was cut, also the
/// 1-based column (in characters) where the secret starts in the snippet's first line.
fn snippet(
    bytes: &[u8],
    start: usize,
    end: usize,
    spans: &[(usize, usize)],
) -> (String, Option<u32>) {
    let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
    let last = end.saturating_sub(1).max(start);
    let mut line_end = memchr::memchr(b'\n', &bytes[last..]).map_or(bytes.len(), |i| last + i);
    // At most five lines, as the core's snippets.
    if let Some(fifth) = memchr::memchr_iter(b'\n', &bytes[line_start..line_end]).nth(4) {
        line_end = line_start + fifth;
    }
    let mut from = line_start.max(start.saturating_sub(SNIPPET_CONTEXT));
    while from > line_start && from < bytes.len() && (bytes[from] & 0xC0) == 0x80 {
        from -= 1;
    }
    let mut to = line_end.min(end.max(start) + SNIPPET_CONTEXT);
    while to < line_end && (bytes[to] & 0xC0) == 0x80 {
        to += 1;
    }
    let mut out: Vec<u8> = Vec::with_capacity(to - from + 16);
    if from > line_start {
        out.extend_from_slice("…".as_bytes());
    }
    let mut cursor = from;
    // `spans` is sorted by start: find the first that may reach into the snippet without
    // walking them all (a generated file can hold a hundred thousand findings).
    let mut first = spans.partition_point(|&(a, _)| a < from);
    while first > 0 && spans[first - 1].1 > from {
        first -= 1;
    }
    let nearby = spans[first..]
        .iter()
        .copied()
        .take_while(|&(a, _)| a < to)
        .filter(|&(_, b)| b > from);
    let chars = |b: &[u8]| String::from_utf8_lossy(b).chars().count();
    let mut column = None;
    for (a, b) in nearby {
        if b <= cursor {
            continue;
        }
        if a > cursor {
            out.extend_from_slice(&bytes[cursor..a]);
        }
        if a == start {
            column = Some(chars(&out) + 1);
        }
        if a >= from && a >= cursor {
            out.extend_from_slice(redact(&bytes[a..b]).as_bytes());
        } else {
            out.extend_from_slice("…".as_bytes());
        }
        cursor = b.min(to);
    }
    if cursor < to {
        out.extend_from_slice(&bytes[cursor..to]);
    }
    if to < line_end {
        out.extend_from_slice("…".as_bytes());
    }
    let text = String::from_utf8_lossy(&out);
    let text = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let column = (from > line_start).then(|| {
        let column =
            column.unwrap_or_else(|| chars("…".as_bytes()) + chars(&bytes[from..start]) + 1);
        u32::try_from(column).unwrap_or(u32::MAX)
    });
    (text, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_nested_keywords_all_trigger_their_rules() {
        let rule = |id: &str, kw: &str, pat: &str| {
            format!(
                "  - id: secrets/{id}\n    title: t\n    severity: low\n    description: d\n    keywords: ['{kw}']\n    pattern: '{pat}'\n"
            )
        };
        let text = format!(
            "rules:\n{}{}{}",
            rule("outer", "abcd", "abcd[0-9]{4}"),
            rule("nested", "bc", "bcd[0-9]{4}"),
            rule("straddle", "d12", "d12[0-9]{2}")
        );
        let compiled = crate::rules::parse_rule_file("t.yml", &text, true).unwrap();
        let engine = SecretsEngine::from_compiled(SecretsOptions::default(), compiled).unwrap();
        let mut ids: Vec<String> = engine
            .scan_bytes("x.txt", b"xx abcd1234 yy")
            .into_iter()
            .map(|f| f.rule_id)
            .collect();
        ids.sort();
        assert_eq!(ids, ["secrets/nested", "secrets/outer", "secrets/straddle"]);
    }

    #[test]
    fn a_token_shape_inside_a_password_hash_is_part_of_it() {
        let line = b"x = '$2b$12$cioymBqAaWQIsKXWzs7Rd6MknwMFI6v6y6p.ghPeRy6DraNKIMGtd'";
        let at = memchr::memmem::find(line, b"cioy").unwrap();
        assert!(inside_crypt_hash(line, at));
        // The hash itself, matched from its `$`, is not inside one.
        let dollar = memchr::memmem::find(line, b"$2b").unwrap();
        assert!(!inside_crypt_hash(line, dollar));
        // A token after a shell variable's `$` is not in a hash.
        let shell = b"TOKEN=$HOME/cioymBqAaWQIsKXWzs7Rd6MknwMFI6v6y6p";
        let at = memchr::memmem::find(shell, b"cioy").unwrap();
        assert!(!inside_crypt_hash(shell, at));
    }

    #[test]
    fn redaction_keeps_a_short_prefix() {
        assert_eq!(redact(b"ghp_abcdefghijklmnopqrstuvwxyz0123456789"), "ghp_…");
        assert_eq!(redact(b"hunter22"), "hu…");
        assert_eq!(redact(b"abc"), "…");
    }

    #[test]
    fn snippets_redact_every_secret_on_the_line() {
        let text = b"x = 1\nkey = \"AAAABBBBCCCCDDDD\"; other = \"EEEEFFFFGGGGHHHH\"\ny = 2\n";
        let s = memchr::memmem::find(text, b"AAAA").unwrap();
        let o = memchr::memmem::find(text, b"EEEE").unwrap();
        let (snippet, column) = snippet(text, s, s + 16, &[(s, s + 16), (o, o + 16)]);
        assert_eq!(snippet, "key = \"AAAA…\"; other = \"EEEE…\"");
        assert_eq!(column, None, "a short line is not cut");
    }

    #[test]
    fn a_cut_snippet_says_where_the_secret_is_in_it() {
        let mut text = "é".repeat(300).into_bytes();
        text.extend_from_slice(b" token=\"AAAABBBBCCCCDDDD\" ");
        text.extend_from_slice("é".repeat(300).as_bytes());
        let s = memchr::memmem::find(&text, b"AAAA").unwrap();
        let (snippet, column) = snippet(&text, s, s + 16, &[(s, s + 16)]);
        let column = column.expect("a long line is cut") as usize;
        let from_column: String = snippet.chars().skip(column - 1).collect();
        assert!(from_column.starts_with("AAAA…"), "{snippet} @ {column}");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
    }
}
