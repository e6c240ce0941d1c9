//! A Dockerfile parser of our own: parser directives (`# escape=`), comments, continuation
//! lines, heredocs (`RUN <<EOF`), exec and shell forms, flags, and build stages. Its
//! output is the policy input:
//!
//! ```json
//! {"stages": [{"name": "build", "from": {"image": "golang", "tag": "1.22", ...},
//!              "instructions": [{"cmd": "run", "value": "...", "args": [...],
//!                                "flags": {...}, "line": 4}]}]}
//! ```
//!
//! Every instruction is located at the line it starts on; `ENV`/`ARG`/`LABEL` pairs at
//! the physical line their key is on.

use serde_json::{Map, Value, json};
use steward_policy::{DocPath, Position, SourceMap};

use crate::ParseError;

const INSTRUCTIONS: &[&str] = &[
    "add",
    "arg",
    "cmd",
    "copy",
    "entrypoint",
    "env",
    "expose",
    "from",
    "healthcheck",
    "label",
    "maintainer",
    "onbuild",
    "run",
    "shell",
    "stopsignal",
    "user",
    "volume",
    "workdir",
];

/// One logical instruction: its physical lines joined.
struct Logical {
    line: u32,
    /// (physical line number, text) of each line the instruction spans.
    parts: Vec<(u32, String)>,
    heredocs: Vec<String>,
}

/// Parse a Dockerfile into its policy input document and source map.
pub fn parse(text: &str) -> Result<(Value, SourceMap), ParseError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut escape = '\\';
    let mut i = 0;
    // Parser directives come first, before any comment or instruction.
    while i < lines.len() {
        let l = lines[i].trim();
        let Some(rest) = l.strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = rest.split_once('=') else {
            break;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "escape" => escape = v.trim().chars().next().unwrap_or('\\'),
            "syntax" | "check" => {}
            _ => break,
        }
        i += 1;
    }
    let mut logical = Vec::new();
    while i < lines.len() {
        let raw = lines[i];
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let mut ins = Logical {
            line: i as u32 + 1,
            parts: Vec::new(),
            heredocs: Vec::new(),
        };
        loop {
            let l = lines[i];
            let t = l.trim_end();
            i += 1;
            if let Some(body) = t.strip_suffix(escape) {
                ins.parts.push((i as u32, body.to_string()));
                // Comment and blank lines inside a continuation are dropped.
                while i < lines.len() {
                    let next = lines[i].trim_start();
                    if next.starts_with('#') || next.is_empty() {
                        i += 1;
                    } else {
                        break;
                    }
                }
                if i >= lines.len() {
                    break;
                }
            } else {
                ins.parts.push((i as u32, t.to_string()));
                break;
            }
        }
        // Heredocs: `<<EOF`, `<<-EOF`, `<<"EOF"` open bodies that follow the instruction.
        let joined: String = ins.parts.iter().map(|(_, t)| t.as_str()).collect();
        for marker in heredoc_markers(&joined) {
            let (strip_tabs, word) = marker;
            let mut body = String::new();
            while i < lines.len() {
                let l = lines[i];
                i += 1;
                let cmp = if strip_tabs {
                    l.trim_start_matches('\t')
                } else {
                    l
                };
                if cmp.trim_end() == word {
                    break;
                }
                body.push_str(cmp);
                body.push('\n');
            }
            ins.heredocs.push(body);
        }
        logical.push(ins);
    }

    let mut map = SourceMap::new();
    let mut stages: Vec<Value> = Vec::new();
    let mut stage_instrs: Vec<Value> = Vec::new();
    let root = DocPath::root();
    for ins in logical {
        let joined: String = ins
            .parts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let body = joined.trim_start();
        let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        let cmd = word.to_ascii_lowercase();
        if !INSTRUCTIONS.contains(&cmd.as_str()) {
            return Err(ParseError {
                line: ins.line,
                message: format!("unknown instruction `{word}`"),
            });
        }
        let rest = rest.trim();
        let (flags, rest) = take_flags(rest);
        let mut obj = Map::new();
        obj.insert("cmd".into(), json!(cmd));
        obj.insert("line".into(), json!(ins.line));
        obj.insert("flags".into(), Value::Object(flags));
        let mut value = rest.to_string();
        for h in &ins.heredocs {
            value.push('\n');
            value.push_str(h);
        }
        obj.insert("value".into(), json!(value));
        if !ins.heredocs.is_empty() {
            obj.insert("heredocs".into(), json!(ins.heredocs));
        }
        let exec: Option<Vec<String>> = if rest.starts_with('[') {
            serde_json::from_str(rest).ok()
        } else {
            None
        };
        obj.insert("exec_form".into(), json!(exec.is_some()));
        let args = exec.unwrap_or_else(|| rest.split_whitespace().map(String::from).collect());
        obj.insert("args".into(), json!(args));
        if cmd == "from" {
            if !stage_instrs.is_empty() || !stages.is_empty() {
                close_stage(&mut stages, &mut stage_instrs);
            }
            let image = args.first().cloned().unwrap_or_default();
            let name = match args.as_slice() {
                [_, as_kw, name, ..] if as_kw.eq_ignore_ascii_case("as") => Some(name.clone()),
                _ => None,
            };
            let stage_index = stages.len();
            let stage_path = root.key("stages").index(stage_index);
            map.insert(
                stage_path.clone(),
                Position {
                    line: ins.line,
                    column: 1,
                },
            );
            let from = image_ref(&image);
            let platform = obj["flags"].get("platform").cloned();
            stages.push(json!({
                "index": stage_index,
                "name": name,
                "from": from,
                "platform": platform,
                "line": ins.line,
            }));
            map.insert(
                stage_path.key("from"),
                Position {
                    line: ins.line,
                    column: 1,
                },
            );
        } else if stages.is_empty() && cmd != "arg" {
            return Err(ParseError {
                line: ins.line,
                message: format!("`{word}` before the first FROM"),
            });
        }
        if matches!(cmd.as_str(), "env" | "arg" | "label") {
            let pairs = key_values(&cmd, rest);
            let mut out = Vec::new();
            for (k, v) in pairs {
                let line = ins
                    .parts
                    .iter()
                    .find(|(_, t)| t.contains(k.as_str()))
                    .map_or(ins.line, |(l, _)| *l);
                out.push(json!({"key": k, "value": v, "line": line}));
            }
            obj.insert("pairs".into(), Value::Array(out));
        }
        let stage = stages.len().saturating_sub(1);
        let ins_path = root
            .key("stages")
            .index(stage)
            .key("instructions")
            .index(stage_instrs.len());
        map.insert(
            ins_path.clone(),
            Position {
                line: ins.line,
                column: 1,
            },
        );
        if let Some(Value::Array(pairs)) = obj.get("pairs") {
            for (k, p) in pairs.iter().enumerate() {
                let line = p["line"].as_u64().unwrap_or(0) as u32;
                map.insert(ins_path.key("pairs").index(k), Position { line, column: 1 });
            }
        }
        if stages.is_empty() {
            // Global ARGs before the first FROM belong to no stage; keep them aside.
            continue;
        }
        stage_instrs.push(Value::Object(obj));
    }
    close_stage(&mut stages, &mut stage_instrs);
    Ok((json!({ "stages": stages }), map))
}

fn close_stage(stages: &mut [Value], instrs: &mut Vec<Value>) {
    if let Some(Value::Object(last)) = stages.last_mut()
        && !last.contains_key("instructions")
    {
        last.insert("instructions".into(), Value::Array(std::mem::take(instrs)));
    }
}

fn heredoc_markers(line: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("<<") {
        let mut after = &rest[at + 2..];
        let strip = after.starts_with('-');
        if strip {
            after = &after[1..];
        }
        let word: String = after
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !word.is_empty() && word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            out.push((strip, word));
        }
        rest = &rest[at + 2..];
    }
    out
}

fn take_flags(rest: &str) -> (Map<String, Value>, &str) {
    let mut flags = Map::new();
    let mut rest = rest;
    while let Some(f) = rest.strip_prefix("--") {
        let end = f.find(char::is_whitespace).unwrap_or(f.len());
        let (k, v) = f[..end].split_once('=').unwrap_or((&f[..end], "true"));
        flags.insert(k.to_ascii_lowercase(), json!(v));
        rest = f[end..].trim_start();
    }
    (flags, rest)
}

/// `registry/repo:tag@digest` split into its parts.
fn image_ref(image: &str) -> Value {
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    let (repo, tag) = match name[slash..].rfind(':') {
        Some(c) => (&name[..slash + c], Some(&name[slash + c + 1..])),
        None => (name, None),
    };
    json!({"image": image, "repository": repo, "tag": tag, "digest": digest})
}

/// `ENV A=1 B="two"`, or the legacy `ENV A 1` form.
fn key_values(cmd: &str, rest: &str) -> Vec<(String, String)> {
    let words = shell_words(rest);
    if cmd == "env" && words.first().is_some_and(|w| !w.contains('=')) {
        let (k, v) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        return vec![(k.to_string(), v.trim().to_string())];
    }
    words
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (w, String::new()),
        })
        .collect()
}

/// Split on whitespace outside quotes, dropping the quotes.
fn shell_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (_, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (_, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_continuations_heredocs_and_pairs() {
        let text = "# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nRUN apt-get update && \\\n    # comment\n    apt-get install -y curl\nFROM gcr.io/distroless/base@sha256:abc\nENV A=1 \\\n    SECRET_KEY=\"x y\"\nRUN <<EOF\ncurl https://x | sh\nEOF\nUSER app\n";
        let (doc, map) = parse(text).unwrap();
        let stages = doc["stages"].as_array().unwrap();
        assert_eq!(stages.len(), 2);
        assert_eq!(stages[0]["name"], "build");
        assert_eq!(stages[0]["from"]["tag"], "1.22");
        assert_eq!(stages[1]["from"]["repository"], "gcr.io/distroless/base");
        assert_eq!(stages[1]["from"]["digest"], "sha256:abc");
        let run = &stages[0]["instructions"][1];
        assert_eq!(run["cmd"], "run");
        assert!(run["value"].as_str().unwrap().contains("install -y curl"));
        let env = &stages[1]["instructions"][1];
        assert_eq!(env["pairs"][1]["key"], "SECRET_KEY");
        assert_eq!(env["pairs"][1]["value"], "x y");
        let p = DocPath::parse("stages[1].instructions[1].pairs[1]");
        assert_eq!(map.locate(&p).unwrap().line, 8);
        let heredoc = &stages[1]["instructions"][2];
        assert!(heredoc["value"].as_str().unwrap().contains("| sh"));
        assert_eq!(stages[1]["instructions"][3]["args"][0], "app");
        assert_eq!(
            map.locate(&DocPath::parse("stages[1].instructions[3]"))
                .unwrap()
                .line,
            12
        );
    }

    #[test]
    fn a_stray_line_is_a_parse_error_with_its_line() {
        let err = parse("FROM alpine\nRUN true\nthis is not an instruction\n").unwrap_err();
        assert_eq!(err.line, 3);
    }
}
