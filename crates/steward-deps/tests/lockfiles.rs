//! Lockfile and manifest parsers against hand-written fixtures of each format, in
//! `tests/fixtures/lockfiles/<case>/<file name>`.

use std::path::Path;

use steward_deps::{Lockfile, LockfileKind, Package, Scope, detect, parse, parse_with};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lockfiles");

fn read_fixture(rel: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).ok()
}

fn load(rel: &str) -> Lockfile {
    let text = read_fixture(rel).unwrap_or_else(|| panic!("no fixture {rel}"));
    let kind = detect(rel).unwrap_or_else(|| panic!("{rel} is not detected as a lockfile"));
    parse_with(kind, rel, &text, &read_fixture).unwrap_or_else(|e| panic!("{e}"))
}

/// `line:name version scope [dev] [install-script]`, one per package, in file order.
fn rows(lockfile: &Lockfile) -> Vec<String> {
    lockfile.packages.iter().map(row).collect()
}

fn row(p: &Package) -> String {
    let version = match (&p.version, &p.requirement) {
        (Some(v), _) => v.clone(),
        (None, Some(r)) => format!("req({r})"),
        (None, None) => "-".to_string(),
    };
    let scope = match p.scope {
        Scope::Direct => "direct",
        Scope::Transitive => "transitive",
        Scope::Unknown => "unknown",
    };
    let mut out = format!("{}:{} {} {}", p.line, p.name, version, scope);
    if p.dev {
        out.push_str(" dev");
    }
    if p.install_script {
        out.push_str(" install-script");
    }
    out
}

fn find<'a>(lockfile: &'a Lockfile, name: &str, version: &str) -> &'a Package {
    lockfile
        .packages
        .iter()
        .find(|p| p.name == name && p.version.as_deref() == Some(version))
        .unwrap_or_else(|| panic!("{name}@{version} not in {:#?}", rows(lockfile)))
}

fn named<'a>(lockfile: &'a Lockfile, name: &str) -> &'a Package {
    lockfile
        .packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not in {:#?}", rows(lockfile)))
}

/// Edges as `name@version` (or `name` when the file does not resolve it).
fn edges(p: &Package) -> Vec<String> {
    p.dependencies
        .iter()
        .map(|d| match &d.version {
            Some(v) => format!("{}@{v}", d.name),
            None => d.name.clone(),
        })
        .collect()
}

/// `ALG:hex` of each hash, the hex cut to 16 characters plus its full length.
fn hashes(p: &Package) -> Vec<String> {
    p.hashes
        .iter()
        .map(|h| {
            format!(
                "{}:{}..{}",
                h.alg,
                &h.hex[..16.min(h.hex.len())],
                h.hex.len()
            )
        })
        .collect()
}

#[test]
fn detects_by_file_name() {
    let cases = [
        ("Cargo.lock", Some(LockfileKind::CargoLock)),
        ("web/package-lock.json", Some(LockfileKind::PackageLockJson)),
        ("npm-shrinkwrap.json", Some(LockfileKind::NpmShrinkwrap)),
        ("yarn.lock", Some(LockfileKind::YarnLock)),
        ("pnpm-lock.yaml", Some(LockfileKind::PnpmLock)),
        ("requirements.txt", Some(LockfileKind::Requirements)),
        ("requirements-dev.txt", Some(LockfileKind::Requirements)),
        ("requirements/base.txt", Some(LockfileKind::Requirements)),
        (
            "svc/requirements/prod.txt",
            Some(LockfileKind::Requirements),
        ),
        ("test-requirements.txt", Some(LockfileKind::Requirements)),
        ("constraints.txt", Some(LockfileKind::Requirements)),
        ("poetry.lock", Some(LockfileKind::PoetryLock)),
        ("uv.lock", Some(LockfileKind::UvLock)),
        ("Pipfile.lock", Some(LockfileKind::PipfileLock)),
        ("go.mod", Some(LockfileKind::GoMod)),
        ("go.sum", Some(LockfileKind::GoSum)),
        ("pom.xml", Some(LockfileKind::PomXml)),
        ("gradle.lockfile", Some(LockfileKind::GradleLockfile)),
        ("Gemfile.lock", Some(LockfileKind::GemfileLock)),
        ("composer.lock", Some(LockfileKind::ComposerLock)),
        ("packages.lock.json", Some(LockfileKind::NugetPackagesLock)),
        ("package.json", None),
        ("notes.txt", None),
        ("docs/requirements.md", None),
        ("Cargo.toml", None),
    ];
    for (name, want) in cases {
        assert_eq!(detect(name), want, "{name}");
    }
}

#[test]
fn cargo_v4_workspace() {
    let lock = load("cargo-v4-workspace/Cargo.lock");
    assert_eq!(
        rows(&lock),
        [
            "24:getrandom 0.2.12 transitive",
            "33:libc 0.2.153 transitive",
            "39:private-crate 1.2.0 direct",
            "45:rand 0.7.3 transitive",
            "54:rand 0.8.5 direct",
            "64:serde 1.0.197 direct",
            "70:syn 2.0.52 direct",
            "76:tokio-util 0.7.10 direct",
        ]
    );
    let rand = find(&lock, "rand", "0.8.5");
    assert_eq!(edges(rand), ["getrandom@0.2.12", "libc@0.2.153"]);
    assert_eq!(hashes(rand), ["SHA-256:859274d95726c443..64"]);
    assert_eq!(rand.source, None);
    assert_eq!(
        edges(named(&lock, "tokio-util")),
        ["rand@0.7.3"],
        "an edge naming one of two versions keeps it"
    );
    assert_eq!(
        named(&lock, "tokio-util").source.as_deref(),
        Some(
            "git+https://git.example/tokio-rs/tokio?branch=master#0f3b1e2a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"
        )
    );
    assert_eq!(
        named(&lock, "private-crate").source.as_deref(),
        Some("sparse+https://registry.example/private/")
    );
    assert!(lock.warnings.is_empty());
}

#[test]
fn cargo_v1_metadata_checksums() {
    let lock = load("cargo-v1-metadata-checksums/Cargo.lock");
    assert_eq!(
        rows(&lock),
        ["10:libc 0.2.153 direct", "15:rand 0.7.3 direct"]
    );
    assert_eq!(
        hashes(named(&lock, "libc")),
        ["SHA-256:16c8c6eb85e05438..64"]
    );
    assert_eq!(edges(named(&lock, "rand")), ["libc@0.2.153"]);
}

#[test]
fn npm_v1_nested_alias_git() {
    let lock = load("npm-v1-nested-alias-git/package-lock.json");
    assert_eq!(
        rows(&lock),
        [
            "7:debug 2.6.9 unknown",
            "15:ms 2.0.0 transitive",
            "22:express 4.18.2 direct",
            "31:jest 29.7.0 direct dev",
            "37:left-pad - direct",
            "41:ms 2.1.3 unknown",
            "46:lodash 4.17.21 direct",
        ]
    );
    assert_eq!(edges(named(&lock, "debug")), ["ms@2.0.0"]);
    assert_eq!(edges(named(&lock, "express")), ["debug@2.6.9", "ms@2.1.3"]);
    assert_eq!(
        named(&lock, "left-pad").source.as_deref(),
        Some(
            "git+https://git.example/stevemao/left-pad.git#5cb3a5aad4e0a96d27ddc8c4f4f5b1a0c0b6e0f1"
        )
    );
    assert_eq!(
        hashes(find(&lock, "ms", "2.1.3")),
        ["SHA-1:2ca672c89b42c172..40"]
    );
    assert_eq!(
        hashes(named(&lock, "lodash")),
        ["SHA-512:307f775a6ed1dd4e..128"]
    );
}

#[test]
fn npm_v2_workspaces_links_aliases() {
    let lock = load("npm-v2-workspaces/package-lock.json");
    assert_eq!(
        rows(&lock),
        [
            "26:accepts 1.3.8 transitive",
            "35:debug 2.6.9 transitive",
            "44:ms 2.0.0 transitive",
            "50:esbuild 0.19.0 direct dev install-script",
            "64:express 4.18.2 direct",
            "78:js-tokens 4.0.0 transitive",
            "84:lodash 4.17.21 direct",
            "91:loose-envify 1.4.0 transitive",
            "103:ms 2.1.3 transitive",
            "109:react 18.2.0 direct",
        ]
    );
    assert_eq!(
        edges(named(&lock, "express")),
        ["accepts@1.3.8", "debug@2.6.9", "ms@2.1.3"]
    );
    assert_eq!(edges(named(&lock, "debug")), ["ms@2.0.0"]);
    assert_eq!(edges(named(&lock, "react")), ["loose-envify@1.4.0"]);
    assert_eq!(named(&lock, "accepts").license.as_deref(), Some("MIT"));
    assert_eq!(
        hashes(named(&lock, "esbuild")),
        ["SHA-512:c9082c0379e38280..128"]
    );
    assert!(lock.packages.iter().all(|p| p.source.is_none()));
}

#[test]
fn npm_v3_shrinkwrap_nested_scoped() {
    let lock = load("npm-v3-shrinkwrap/npm-shrinkwrap.json");
    assert_eq!(lock.kind, LockfileKind::NpmShrinkwrap);
    assert_eq!(
        rows(&lock),
        [
            "25:@babel/core 7.23.0 direct",
            "33:debug 4.3.4 transitive",
            "40:ms 2.1.2 transitive",
            "44:fsevents 2.3.3 direct install-script",
            "53:is-number 7.0.0 direct",
            "63:typescript 5.3.3 direct",
            "70:ms 2.1.3 transitive dev",
        ]
    );
    assert_eq!(edges(named(&lock, "@babel/core")), ["debug@4.3.4"]);
    assert_eq!(edges(named(&lock, "debug")), ["ms@2.1.2"]);
    assert_eq!(
        hashes(named(&lock, "is-number")),
        [
            "SHA-512:c52a51156f782851..128",
            "SHA-1:cf262d6d241ca1cd..40"
        ]
    );
    assert_eq!(
        named(&lock, "typescript").license.as_deref(),
        Some("Apache-2.0")
    );
}

/// Every fixture, as (path relative to the fixture root, kind).
fn all_fixtures() -> Vec<(String, LockfileKind)> {
    fn walk(dir: &Path, out: &mut Vec<(String, LockfileKind)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if let Ok(rel) = path.strip_prefix(ROOT) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if let Some(kind) = detect(&rel) {
                    out.push((rel, kind));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(ROOT), &mut out);
    out
}

#[test]
fn every_truncation_of_every_fixture_parses_or_errs_without_panicking() {
    let fixtures = all_fixtures();
    assert!(fixtures.len() >= 5, "{fixtures:?}");
    for (rel, kind) in fixtures {
        let text = read_fixture(&rel).unwrap_or_default();
        let stride = (text.len() / 400).max(1);
        for end in (0..text.len()).step_by(stride) {
            let Some(prefix) = text.get(..end) else {
                continue;
            };
            if let Err(e) = parse(kind, &rel, prefix) {
                let shown = e.to_string();
                assert!(shown.starts_with(&rel), "{shown}");
                assert!(shown.len() > rel.len() + 2, "{shown}");
            }
        }
    }
}

#[test]
fn malformed_files_are_errors_that_say_where_and_what() {
    let cases: [(LockfileKind, &str, &str, &str); 16] = [
        (
            LockfileKind::CargoLock,
            "[[package]]\nname = \"a\"\nversion = ",
            "Cargo.lock:3:",
            "Cargo.lock",
        ),
        (
            LockfileKind::PackageLockJson,
            "{\n  \"packages\": {\n    \"node_modules/a\": [\n",
            "package-lock.json:",
            "package-lock.json",
        ),
        (
            LockfileKind::NpmShrinkwrap,
            "{\"packages\": 7}",
            "npm-shrinkwrap.json:1:",
            "npm-shrinkwrap.json",
        ),
        (
            LockfileKind::YarnLock,
            "# yarn lockfile v1\n\nnot a header\n",
            "yarn.lock:3:",
            "entry header",
        ),
        (
            LockfileKind::YarnLock,
            "__metadata:\n  version: 6\n\"a@npm:1\": [unclosed\n",
            "yarn.lock:",
            "yarn.lock",
        ),
        (
            LockfileKind::PnpmLock,
            "packages:\n  /a@1.0.0: {}\n",
            "pnpm-lock.yaml:1:",
            "lockfileVersion",
        ),
        (
            LockfileKind::PoetryLock,
            "[[package]]\nversion = \"1.0\"\n",
            "poetry.lock:",
            "name",
        ),
        (
            LockfileKind::UvLock,
            "version = 1\n[[package]\n",
            "uv.lock:2:",
            "uv.lock",
        ),
        (
            LockfileKind::PipfileLock,
            "{\"default\": {\"a\": {\"version\": 3}}}",
            "Pipfile.lock:1:",
            "Pipfile.lock",
        ),
        (
            LockfileKind::GoMod,
            "module x\n\nrequire (\n\tgithub.com/a/b\n)\n",
            "go.mod:4:",
            "module path and a version",
        ),
        (
            LockfileKind::GoSum,
            "github.com/a/b v1.0.0\n",
            "go.sum:1:",
            "module version hash",
        ),
        (
            LockfileKind::PomXml,
            "<project>\n  <dependencies>\n</project>\n",
            "pom.xml:3:",
            "pom.xml",
        ),
        (
            LockfileKind::GradleLockfile,
            "# gradle\ncom.example:only-two=runtimeClasspath\n",
            "gradle.lockfile:2:",
            "group:artifact:version",
        ),
        (
            LockfileKind::GemfileLock,
            "GEM\n  remote: https://gems.example/\n  specs:\n    rack\n",
            "Gemfile.lock:4:",
            "no version",
        ),
        (
            LockfileKind::ComposerLock,
            "{\"packages\": [{\"version\": \"1.0.0\"}]}",
            "composer.lock:1:",
            "name",
        ),
        (
            LockfileKind::NugetPackagesLock,
            "{\"version\": 1, \"dependencies\": {\"net8.0\": {\"A\": {\"type\": \"Direct\"}}}}",
            "packages.lock.json:1:",
            "resolved",
        ),
    ];
    for (kind, text, starts, mentions) in cases {
        let path = kind.as_str();
        let err = parse(kind, path, text).expect_err(path).to_string();
        assert!(err.starts_with(starts), "{err}");
        assert!(err.contains(mentions), "{err}");
    }
}

#[test]
fn junk_is_never_a_panic() {
    let junk = [
        "",
        "\u{feff}",
        "\0\0\0",
        "{",
        "}}}]]]",
        "[[[[",
        "<<<>>>",
        "é\u{301}ø\n\t\\",
        "a:\n  - b\n  -",
        "\"unterminated",
        "- - - -",
        "@@@@@@",
        "((((((",
        "${${${}",
    ];
    for (rel, kind) in all_fixtures() {
        for text in junk {
            let _ = parse(kind, &rel, text);
        }
    }
}
