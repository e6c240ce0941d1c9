//! Lockfile and manifest parsers against hand-written fixtures of each format, in
//! `tests/fixtures/lockfiles/<case>/<file name>`.

use std::path::Path;

use steward_deps::{
    Lockfile, LockfileKind, Package, Scope, detect, parse, parse_in_tree, parse_with,
};

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
        (
            "buildscript-gradle.lockfile",
            Some(LockfileKind::GradleLockfile),
        ),
        (
            "app/gradle/dependency-locks/compileClasspath.lockfile",
            Some(LockfileKind::GradleLockfile),
        ),
        ("app/other.lockfile", None),
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

/// The fixture files under `dir` (relative to the fixtures root), as a scan's tree lists them.
fn list_fixtures(dir: &str) -> Vec<String> {
    fn walk(base: &Path, at: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(ROOT), &Path::new(ROOT).join(dir), &mut out);
    out
}

#[test]
fn cargo_dev_dependencies_come_from_the_workspace_manifests() {
    let rel = "cargo-dev-deps/Cargo.lock";
    let text = read_fixture(rel).unwrap();
    let lock = parse_in_tree(
        LockfileKind::CargoLock,
        rel,
        &text,
        &read_fixture,
        &list_fixtures,
    )
    .unwrap();
    // Members by glob (crates/*, one named app-util in crates/util); a path dependency from
    // [workspace.dependencies] (testkit) that only [dev-dependencies] reach, so its own
    // dependencies are dev too; a renamed dependency (rng = { package = "rand" }); a crate in
    // both tables (serde: runtime); [build-dependencies] (cc: runtime); target-specific
    // tables (winapi runtime, nix dev); the old `dev_dependencies` spelling (log, runtime
    // through app anyway); libc, shared by a dev crate (nix) and a runtime one (rand).
    assert_eq!(
        rows(&lock),
        [
            "29:bitflags 2.4.2 transitive dev",
            "34:cc 1.0.90 direct",
            "39:fastrand 2.0.1 transitive dev",
            "44:libc 0.2.153 transitive",
            "49:log 0.4.21 direct",
            "54:memchr 2.7.1 direct",
            "59:nix 0.27.1 direct dev",
            "68:proptest 1.4.0 direct dev",
            "76:rand 0.8.5 direct",
            "84:serde 1.0.197 direct",
            "89:tempfile 3.10.1 direct dev",
            "104:winapi 0.3.9 direct",
        ]
    );
    assert!(lock.warnings.is_empty(), "{:?}", lock.warnings);

    // Without a listing of the tree the member glob cannot be expanded: no manifest says
    // what is dev, so nothing is marked dev.
    let blind = parse_with(LockfileKind::CargoLock, rel, &text, &read_fixture).unwrap();
    assert!(blind.packages.iter().all(|p| !p.dev), "{:#?}", rows(&blind));
    // Without any Cargo.toml the lockfile alone is read as before.
    let alone = parse(LockfileKind::CargoLock, rel, &text).unwrap();
    assert!(alone.packages.iter().all(|p| !p.dev));
    assert_eq!(named(&alone, "tempfile").scope, Scope::Direct);
}

#[test]
fn cargo_manifest_problems_are_warnings_and_count_as_runtime() {
    // The member's manifest is missing: its dependencies count as runtime, with a warning.
    let lock_text = read_fixture("cargo-dev-deps/Cargo.lock").unwrap();
    let read = |rel: &str| -> Option<String> {
        match rel {
            "ws/Cargo.toml" => {
                Some("[workspace]\nmembers = [\"crates/app\", \"crates/util\"]\n".into())
            }
            "ws/crates/util/Cargo.toml" => {
                Some("[package]\nname = \"app-util\"\n[dependencies\n".into())
            }
            _ => None,
        }
    };
    let lock = parse_in_tree(
        LockfileKind::CargoLock,
        "ws/Cargo.lock",
        &lock_text,
        &read,
        &|_| Vec::new(),
    )
    .unwrap();
    assert!(lock.packages.iter().all(|p| !p.dev), "{:#?}", rows(&lock));
    let warnings: Vec<&str> = lock.warnings.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("ws/crates/app/Cargo.toml cannot be read"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("ws/crates/util/Cargo.toml is not valid TOML"),
        "{warnings:?}"
    );
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
            "7:debug 2.6.9 transitive",
            "15:ms 2.0.0 transitive",
            "22:express 4.18.2 direct",
            "31:jest 29.7.0 direct dev",
            "37:left-pad - direct",
            "41:ms 2.1.3 direct",
            "46:lodash 4.17.21 direct",
        ],
        "direct from the package.json beside it"
    );
    // Without package.json: what nothing requires is direct, the rest unknown.
    let text = read_fixture("npm-v1-nested-alias-git/package-lock.json").unwrap();
    let alone = parse(LockfileKind::PackageLockJson, "package-lock.json", &text).unwrap();
    let scopes: Vec<String> = alone.packages.iter().map(row).collect();
    assert_eq!(
        scopes,
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
    assert!(fixtures.len() >= 25, "{fixtures:?}");
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
fn every_fixture_with_a_character_swapped_parses_or_errs_without_panicking() {
    const SWAPS: [char; 16] = [
        '"', '{', '}', '[', ']', ':', '\n', ' ', '@', '/', '(', ')', '#', '\\', '=', ',',
    ];
    let read = |_: &str| None;
    for (rel, kind) in all_fixtures() {
        let text = read_fixture(&rel).unwrap_or_default();
        let chars: Vec<char> = text.chars().collect();
        let stride = (chars.len() / 300).max(1);
        for (n, at) in (0..chars.len()).step_by(stride).enumerate() {
            let mut mutated = chars.clone();
            mutated[at] = SWAPS[n % SWAPS.len()];
            let mutated: String = mutated.into_iter().collect();
            let _ = parse_with(kind, &rel, &mutated, &read);
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

#[test]
fn yarn_v1_classic() {
    let lock = load("yarn-v1-classic/yarn.lock");
    assert_eq!(
        rows(&lock),
        [
            "5:@babel/code-frame 7.22.13 direct",
            "13:@babel/highlight 7.22.20 transitive",
            "19:chalk 2.4.2 direct dev",
            "26:debug 4.3.4 transitive dev",
            "33:fsevents 2.3.3 direct",
            "38:js-tokens 4.0.0 transitive",
            "43:left-pad 1.3.0 direct",
            "47:ms 2.1.2 transitive dev",
            "52:lodash 4.17.21 direct",
        ],
        "scope and dev from the package.json beside it"
    );
    assert_eq!(
        edges(named(&lock, "@babel/code-frame")),
        ["@babel/highlight@7.22.20", "js-tokens@4.0.0"]
    );
    assert_eq!(edges(named(&lock, "debug")), ["ms@2.1.2"]);
    assert_eq!(
        hashes(named(&lock, "@babel/highlight")),
        ["SHA-1:4ca92b71d80554b0..40"],
        "without integrity, the resolved URL's fragment is the SHA-1"
    );
    assert_eq!(
        hashes(named(&lock, "lodash")),
        ["SHA-512:307f775a6ed1dd4e..128"]
    );
    assert_eq!(
        named(&lock, "left-pad").source.as_deref(),
        Some("https://git.example/stevemao/left-pad.git#5cb3a5aad4e0a96d27ddc8c4f4f5b1a0c0b6e0f1")
    );
    assert!(
        lock.packages
            .iter()
            .filter(|p| p.name != "left-pad")
            .all(|p| p.source.is_none())
    );
}

#[test]
fn yarn_berry_workspaces_patches_git() {
    let lock = load("yarn-berry-workspaces-patch/yarn.lock");
    assert_eq!(
        rows(&lock),
        [
            "16:debug 4.3.4 direct dev",
            "28:is-core-module 2.13.1 transitive",
            "37:left-pad 1.3.0 direct",
            "44:lodash 4.17.21 direct",
            "51:ms 2.1.2 transitive dev",
            "70:resolve 1.22.8 direct",
        ],
        "dev from the workspaces' package.json files"
    );
    assert_eq!(edges(named(&lock, "debug")), ["ms@2.1.2"]);
    assert_eq!(edges(named(&lock, "resolve")), ["is-core-module@2.13.1"]);
    assert_eq!(edges(named(&lock, "is-core-module")), ["hasown"]);
    assert_eq!(
        named(&lock, "left-pad").source.as_deref(),
        Some(
            "https://git.example/stevemao/left-pad.git#commit=5cb3a5aad4e0a96d27ddc8c4f4f5b1a0c0b6e0f1"
        )
    );
    assert!(
        lock.packages.iter().all(|p| p.hashes.is_empty()),
        "berry checksums are of its cache zips, not the published archives"
    );
}

#[test]
fn pnpm_v5_peer_suffixes_and_dev_flags() {
    let lock = load("pnpm-v5-peers/pnpm-lock.yaml");
    assert_eq!(
        rows(&lock),
        [
            "19:@esbuild/linux-x64 0.19.0 direct dev install-script",
            "28:express 4.18.2 direct",
            "35:js-tokens 4.0.0 transitive",
            "39:loose-envify 1.4.0 transitive",
            "46:ms 2.1.3 transitive",
            "50:react-dom 18.2.0 direct",
            "59:react 18.2.0 transitive",
            "66:typescript 5.3.3 direct dev",
        ]
    );
    assert_eq!(
        edges(named(&lock, "react-dom")),
        ["loose-envify@1.4.0", "react@18.2.0"]
    );
    assert_eq!(
        hashes(named(&lock, "express")),
        ["SHA-512:d3b2c529fde73509..128"]
    );
}

#[test]
fn pnpm_v6_workspace_alias_git() {
    let lock = load("pnpm-v6-workspace/pnpm-lock.yaml");
    assert_eq!(
        rows(&lock),
        [
            "35:@types/node 20.10.0 direct dev",
            "41:js-tokens 4.0.0 transitive",
            "45:lodash 4.17.21 direct",
            "49:loose-envify 1.4.0 transitive",
            "56:react-dom 18.2.0 direct",
            "66:react 18.2.0 transitive",
            "73:scheduler 0.23.0 transitive",
            "79:undici-types 5.26.5 transitive dev",
            "83:tiny-lib 1.0.0 direct",
        ]
    );
    assert_eq!(
        edges(named(&lock, "react-dom")),
        ["loose-envify@1.4.0", "react@18.2.0", "scheduler@0.23.0"]
    );
    assert_eq!(
        named(&lock, "tiny-lib").source.as_deref(),
        Some("https://git.example/user/tiny-lib.git#0a1b2c3d4e5f")
    );
}

#[test]
fn pnpm_v9_snapshots_dev_from_importers() {
    let lock = load("pnpm-v9-snapshots/pnpm-lock.yaml");
    assert_eq!(
        rows(&lock),
        [
            "36:@types/react 18.2.45 direct dev",
            "39:csstype 3.1.3 transitive dev",
            "42:esbuild 0.19.0 direct",
            "47:js-tokens 4.0.0 transitive",
            "50:lodash 4.17.21 direct dev",
            "53:loose-envify 1.4.0 transitive",
            "57:react-dom 18.2.0 direct",
            "62:react 18.2.0 direct",
            "66:scheduler 0.23.0 transitive",
        ]
    );
    assert_eq!(
        edges(named(&lock, "@types/react")),
        ["csstype@3.1.3", "loose-envify@1.4.0"]
    );
    assert_eq!(
        edges(named(&lock, "react-dom")),
        ["loose-envify@1.4.0", "react@18.2.0", "scheduler@0.23.0"]
    );
    assert_eq!(
        hashes(named(&lock, "lodash")),
        ["SHA-512:307f775a6ed1dd4e..128"]
    );
}

#[test]
fn requirements_includes_constraints_hashes_markers() {
    let lock = load("requirements-nested/requirements.txt");
    assert_eq!(
        rows(&lock),
        [
            "3:certifi 2023.7.22 direct",
            "3:six 1.16.0 direct",
            "6:Django 4.2.7 direct",
            "7:requests 2.31.0 direct",
            "8:celery req(~= 5.3) direct",
            "9:urllib3 1.26.18 direct",
            "12:internal-lib - direct",
            "15:pyyaml 6.0.1 direct",
        ]
    );
    let declared: Vec<Option<&str>> = lock
        .packages
        .iter()
        .map(|p| p.declared_in.as_deref())
        .collect();
    assert_eq!(
        declared,
        [
            Some("requirements-nested/requirements/common.txt"),
            Some("requirements-nested/requirements/base.txt"),
            None,
            None,
            None,
            None,
            None,
            None,
        ]
    );
    let requests = named(&lock, "requests");
    assert_eq!(
        requests.requirement.as_deref(),
        Some(">=2.31,<3"),
        "the range stays; the version is the constraint file's pin"
    );
    assert_eq!(
        hashes(named(&lock, "urllib3")),
        [
            "SHA-256:34b97092d7e0a3a8..64",
            "SHA-256:f8ecc1bba5667413..64"
        ]
    );
    assert_eq!(
        named(&lock, "internal-lib").source.as_deref(),
        Some("git+https://git.example/acme/internal-lib.git@v1.2.0#egg=internal-lib")
    );
    let warnings: Vec<String> = lock
        .warnings
        .iter()
        .map(|(line, w)| format!("{line}: {w}"))
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("13: `./vendor/localpkg`"),
        "{warnings:#?}"
    );
    assert!(warnings[1].starts_with("14: `https://files.example/packages/foo-1.0.tar.gz`"));
    assert_eq!(
        warnings[2],
        "16: cannot read included file `requirements-nested/missing.txt`"
    );
}

#[test]
fn requirements_include_of_an_unreadable_file_without_a_reader_is_a_warning() {
    let text = "-r base.txt\nflask==3.0.0\n";
    let lock = parse(LockfileKind::Requirements, "svc/requirements.txt", text).unwrap();
    assert_eq!(rows(&lock), ["2:flask 3.0.0 direct"]);
    assert_eq!(
        lock.warnings,
        [(1, "cannot read included file `svc/base.txt`".to_string())]
    );
}

#[test]
fn requirements_pip_compile_via_comments_give_scope_and_edges() {
    let lock = load("pip-compile-via/requirements.txt");
    assert_eq!(
        rows(&lock),
        [
            "7:certifi 2023.7.22 transitive",
            "10:charset-normalizer 3.3.2 transitive",
            "12:flask 3.0.0 direct",
            "14:idna 3.4 direct",
            "18:requests 2.31.0 direct",
            "20:urllib3 2.0.7 transitive",
        ]
    );
    assert_eq!(
        edges(named(&lock, "requests")),
        [
            "certifi@2023.7.22",
            "charset-normalizer@3.3.2",
            "idna@3.4",
            "urllib3@2.0.7"
        ]
    );
    assert_eq!(
        hashes(named(&lock, "certifi")),
        ["SHA-256:539cc1d13202e33c..64"]
    );
}

#[test]
fn poetry_v1_category_and_metadata_files() {
    let lock = load("poetry-v1-category/poetry.lock");
    assert_eq!(
        rows(&lock),
        [
            "2:certifi 2023.7.22 unknown",
            "10:charset-normalizer 3.3.2 unknown",
            "18:iniconfig 2.0.0 unknown dev",
            "26:pytest 7.4.3 unknown dev",
            "41:requests 2.31.0 unknown",
        ]
    );
    assert_eq!(
        hashes(named(&lock, "certifi")),
        [
            "SHA-256:92d6037539857d82..64",
            "SHA-256:539cc1d13202e33c..64"
        ]
    );
    assert_eq!(
        edges(named(&lock, "requests")),
        ["charset-normalizer@3.3.2", "certifi@2023.7.22"]
    );
    assert_eq!(
        edges(named(&lock, "pytest")),
        ["colorama", "iniconfig@2.0.0"]
    );
}

#[test]
fn poetry_v2_groups_files_git_source() {
    let lock = load("poetry-v2-groups/poetry.lock");
    assert_eq!(
        rows(&lock),
        [
            "4:asgiref 3.7.2 transitive",
            "16:django 4.2.7 direct",
            "35:internal-lib 1.2.0 direct",
            "51:mypy 1.7.1 direct dev",
            "65:sqlparse 0.4.4 transitive",
        ]
    );
    assert_eq!(
        edges(named(&lock, "django")),
        ["asgiref@3.7.2", "sqlparse@0.4.4"]
    );
    assert_eq!(
        hashes(named(&lock, "django")),
        [
            "SHA-256:e1d37c51ad26186d..64",
            "SHA-256:8e0f1c2c2786b5c0..64"
        ]
    );
    assert_eq!(
        named(&lock, "internal-lib").source.as_deref(),
        Some(
            "git+https://git.example/acme/internal-lib.git@3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"
        )
    );
}

#[test]
fn uv_project_excluded_dev_groups_hashes() {
    let lock = load("uv-project/uv.lock");
    assert_eq!(
        rows(&lock),
        [
            "6:anyio 4.4.0 direct",
            "19:idna 3.7 transitive",
            "28:iniconfig 2.0.0 transitive dev",
            "34:internal-lib 1.2.0 direct",
            "62:pytest 8.2.2 direct dev",
            "74:sniffio 1.3.1 transitive",
        ]
    );
    assert_eq!(edges(named(&lock, "anyio")), ["idna@3.7", "sniffio@1.3.1"]);
    assert_eq!(
        hashes(named(&lock, "anyio")),
        [
            "SHA-256:5aadc6a1bbb7cdb0..64",
            "SHA-256:c1b2d8f46a8a8125..64"
        ]
    );
    assert_eq!(
        named(&lock, "internal-lib").source.as_deref(),
        Some(
            "git+https://git.example/acme/internal-lib.git?rev=v1.2.0#3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"
        )
    );
    assert_eq!(named(&lock, "anyio").source, None);
    // The release dates from its first upload (the wheel, 5 s before the sdist).
    assert_eq!(
        named(&lock, "anyio").published.as_deref(),
        Some("2024-05-26T22:21:31Z")
    );
    assert_eq!(
        named(&lock, "idna").published,
        None,
        "no upload-time recorded"
    );
}

#[test]
fn pipfile_default_and_develop() {
    let lock = load("pipfile/Pipfile.lock");
    assert_eq!(
        rows(&lock),
        [
            "19:certifi 2023.7.22 transitive",
            "28:internal-lib - direct",
            "37:requests 2.31.0 direct",
            "53:pytest 8.2.2 direct dev",
        ]
    );
    assert_eq!(
        hashes(named(&lock, "certifi")),
        [
            "SHA-256:539cc1d13202e33c..64",
            "SHA-256:92d6037539857d82..64"
        ]
    );
    assert_eq!(
        named(&lock, "internal-lib").source.as_deref(),
        Some(
            "git+https://git.example/acme/internal-lib.git@3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"
        )
    );
    assert_eq!(lock.warnings.len(), 1);
    assert_eq!(lock.warnings[0].0, 33);
}

#[test]
fn go_mod_requires_replaces_excludes() {
    let lock = load("go-mod-replace-exclude/go.mod");
    assert_eq!(
        rows(&lock),
        [
            "8:github.com/gin-gonic/gin v1.9.1 direct",
            "9:golang.org/x/crypto v0.17.0 direct",
            "10:github.com/new/dep v1.1.0 direct",
            "11:example.com/internal/tools - direct",
            "15:github.com/bytedance/sonic v1.9.1 transitive",
            "16:golang.org/x/net v0.17.0 transitive",
            "17:gopkg.in/yaml.v3 v3.0.1 transitive",
            "21:github.com/stretchr/testify v1.8.4 direct",
        ]
    );
    assert_eq!(
        named(&lock, "example.com/internal/tools").source.as_deref(),
        Some("../tools")
    );
    let warning_lines: Vec<u32> = lock.warnings.iter().map(|(line, _)| *line).collect();
    assert_eq!(warning_lines, [18, 27], "{:?}", lock.warnings);
    assert!(lock.warnings[0].1.contains("excluded"));
}

#[test]
fn go_sum_one_package_per_module_version() {
    let lock = load("go-sum-dedupe/go.sum");
    assert_eq!(
        rows(&lock),
        [
            "1:github.com/bytedance/sonic v1.9.1 unknown",
            "3:github.com/davecgh/go-spew v1.1.1 unknown",
            "4:github.com/gin-gonic/gin v1.9.0 unknown",
            "5:github.com/gin-gonic/gin v1.9.1 unknown",
            "7:golang.org/x/crypto v0.17.0 unknown",
            "10:gopkg.in/yaml.v3 v3.0.1 unknown",
        ]
    );
    assert!(lock.packages.iter().all(|p| p.hashes.is_empty()));
}

#[test]
fn maven_pom_properties_management_scopes() {
    let lock = load("maven-properties-management/pom.xml");
    assert_eq!(
        rows(&lock),
        [
            "37:org.yaml:snakeyaml 1.33 unknown",
            "46:org.springframework:spring-webmvc 5.3.27 direct",
            "51:com.fasterxml.jackson.core:jackson-databind 2.15.2 direct",
            "55:org.apache.logging.log4j:log4j-core 2.14.1 direct",
            "59:com.acme:orders-api 2.3.0 direct",
            "64:com.acme:acme-commons 2.3.0 direct",
            "69:javax.servlet:javax.servlet-api 4.0.1 direct",
            "75:junit:junit req([4.12,5.0)) direct dev",
            "81:com.acme:legacy-client - direct",
        ]
    );
    assert_eq!(lock.warnings.len(), 1, "{:?}", lock.warnings);
    assert_eq!(lock.warnings[0].0, 82);
    assert!(lock.warnings[0].1.contains("${legacy.version}"));
}

#[test]
fn maven_pom_with_a_namespace_and_no_dependencies() {
    let text = "<project xmlns=\"urn:example:pom\">\n  <dependencies>\n    <dependency>\n      <groupId>g</groupId>\n      <artifactId>a</artifactId>\n      <version>1.0</version>\n    </dependency>\n  </dependencies>\n</project>\n";
    let lock = parse(LockfileKind::PomXml, "pom.xml", text).unwrap();
    assert_eq!(rows(&lock), ["5:g:a 1.0 direct"]);
    let empty = parse(LockfileKind::PomXml, "pom.xml", "<project/>").unwrap();
    assert!(empty.packages.is_empty());
    let err = parse(LockfileKind::PomXml, "pom.xml", "<settings/>").unwrap_err();
    assert_eq!(
        err.to_string(),
        "pom.xml:1: not a valid pom.xml: root element is <settings>, not <project>"
    );
}

#[test]
fn gradle_lockfile_dev_only_when_every_configuration_is_a_test_one() {
    let lock = load("gradle-lockfile/gradle.lockfile");
    assert_eq!(
        rows(&lock),
        [
            "4:com.fasterxml.jackson.core:jackson-databind 2.15.2 unknown",
            "5:com.google.guava:guava 32.1.2-jre unknown",
            "6:junit:junit 4.13.2 unknown dev",
            "7:org.hamcrest:hamcrest-core 1.3 unknown dev",
            "8:org.projectlombok:lombok 1.18.30 unknown",
        ]
    );
}

#[test]
fn gemfile_lock_platforms_git_path_checksums() {
    let lock = load("gemfile-platforms-git-path/Gemfile.lock");
    assert_eq!(
        rows(&lock),
        [
            "6:rack-attack 6.7.0 direct",
            "18:billing 0.2.0 direct",
            "24:actionpack 7.0.8 transitive",
            "27:nokogiri 1.15.4 transitive",
            "31:racc 1.7.3 transitive",
            "32:rack 2.2.8 transitive",
            "33:rack-test 2.1.0 transitive",
            "35:rails 7.0.8 direct",
            "37:rspec-core 3.12.2 direct",
        ]
    );
    assert_eq!(
        edges(named(&lock, "actionpack")),
        ["rack@2.2.8", "rack-test@2.1.0"]
    );
    assert_eq!(edges(named(&lock, "billing")), ["nokogiri@1.15.4"]);
    assert_eq!(
        named(&lock, "rack-attack").source.as_deref(),
        Some("https://git.example/acme/rack-attack.git")
    );
    assert_eq!(
        named(&lock, "billing").source.as_deref(),
        Some("engines/billing")
    );
    assert_eq!(named(&lock, "rack").source, None);
    assert_eq!(
        hashes(named(&lock, "nokogiri")),
        ["SHA-256:282d53b85854cc4d..64"]
    );
    assert_eq!(
        hashes(named(&lock, "rack")),
        ["SHA-256:8e9d1a8d5b1863f1..64"]
    );
}

#[test]
fn composer_lock_dev_licences_shasum() {
    let lock = load("composer-dev-license/composer.lock");
    assert_eq!(
        rows(&lock),
        [
            "10:acme/internal dev-main direct",
            "23:guzzlehttp/guzzle 7.8.0 direct",
            "47:guzzlehttp/psr7 2.6.1 transitive",
            "64:symfony/polyfill-php80 1.28.0 transitive",
            "72:twig/twig 3.7.1 direct",
            "92:phpunit/phpunit 10.4.2 direct dev",
        ]
    );
    assert_eq!(
        edges(named(&lock, "guzzlehttp/guzzle")),
        ["guzzlehttp/psr7@2.6.1"]
    );
    assert!(named(&lock, "guzzlehttp/guzzle").hashes.is_empty());
    assert_eq!(
        named(&lock, "guzzlehttp/guzzle").published.as_deref(),
        Some("2023-08-27T08:20:53Z"),
        "composer's `time`, in UTC"
    );
    assert_eq!(
        hashes(named(&lock, "guzzlehttp/psr7")),
        ["SHA-1:be45764272e8873c..40"]
    );
    assert_eq!(
        named(&lock, "twig/twig").license.as_deref(),
        Some("(BSD-3-Clause OR MIT)")
    );
    assert_eq!(
        named(&lock, "twig/twig").source.as_deref(),
        Some("https://git.example/twigphp/Twig.git#a0ce373a0ca3bf6c64b9e3e2124aca502ba39554")
    );
    assert_eq!(
        named(&lock, "acme/internal").source.as_deref(),
        Some("../internal")
    );
    assert_eq!(named(&lock, "guzzlehttp/guzzle").source, None);
}

#[test]
fn nuget_lock_deduped_across_frameworks() {
    let lock = load("nuget-multi-target/packages.lock.json");
    assert_eq!(
        rows(&lock),
        [
            "5:Newtonsoft.Json 13.0.3 direct",
            "11:Serilog 3.1.1 direct",
            "20:System.Diagnostics.DiagnosticSource 7.0.2 transitive",
            "53:System.Text.Json 8.0.0 transitive",
        ]
    );
    assert_eq!(
        edges(named(&lock, "Serilog")),
        ["System.Diagnostics.DiagnosticSource@7.0.2"]
    );
    assert_eq!(
        hashes(named(&lock, "Newtonsoft.Json")),
        ["SHA-512:0891f8c0b3c3b13c..128"]
    );
}

/// A 5,000-package lockfile of each line-scanned kind: lines stay exact at the far end
/// (the scan is one pass, not a search per package).
#[test]
fn large_lockfiles_keep_exact_lines() {
    const N: usize = 5_000;
    let mut npm = String::from(
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\n      \"dependencies\": {\"pkg-0\": \"1.0.0\"}\n    },\n",
    );
    for i in 0..N {
        let comma = if i + 1 < N { "," } else { "" };
        npm.push_str(&format!(
            "    \"node_modules/pkg-{i}\": {{\n      \"version\": \"1.0.{i}\",\n      \"dependencies\": {{\"pkg-{}\": \"*\"}}\n    }}{comma}\n",
            (i + 1) % N
        ));
    }
    npm.push_str("  }\n}\n");
    let lock = parse(LockfileKind::PackageLockJson, "package-lock.json", &npm).unwrap();
    assert_eq!(lock.packages.len(), N);
    let last = &lock.packages[N - 1];
    assert_eq!(last.line, 7 + 4 * (N as u32 - 1));
    assert_eq!(edges(last), ["pkg-0@1.0.0"]);

    let mut pnpm = String::from(
        "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      pkg-0:\n        specifier: ^1\n        version: 1.0.0\n\npackages:\n\n",
    );
    for i in 0..N {
        pnpm.push_str(&format!(
            "  pkg-{i}@1.0.0:\n    resolution: {{integrity: sha512-AAAA}}\n\n"
        ));
    }
    pnpm.push_str("snapshots:\n\n");
    for i in 0..N {
        pnpm.push_str(&format!(
            "  pkg-{i}@1.0.0:\n    dependencies:\n      pkg-{}: 1.0.0\n\n",
            (i + 1) % N
        ));
    }
    let lock = parse(LockfileKind::PnpmLock, "pnpm-lock.yaml", &pnpm).unwrap();
    assert_eq!(lock.packages.len(), N);
    let last = lock
        .packages
        .iter()
        .find(|p| p.name == format!("pkg-{}", N - 1));
    assert_eq!(last.map(|p| p.line), Some(13 + 3 * (N as u32 - 1)));
    assert!(
        lock.packages
            .iter()
            .all(|p| p.scope != Scope::Unknown && !p.dev)
    );

    let mut yarn = String::from("# yarn lockfile v1\n\n");
    for i in 0..N {
        yarn.push_str(&format!(
            "pkg-{i}@^1.0.0:\n  version \"1.0.{i}\"\n  dependencies:\n    pkg-{} \"^1.0.0\"\n\n",
            (i + 1) % N
        ));
    }
    let lock = parse(LockfileKind::YarnLock, "yarn.lock", &yarn).unwrap();
    assert_eq!(lock.packages.len(), N);
    assert_eq!(lock.packages[N - 1].line, 3 + 5 * (N as u32 - 1));
    assert_eq!(edges(&lock.packages[N - 1]), ["pkg-0@1.0.0"]);
}

#[test]
fn a_broken_manifest_beside_the_lockfile_is_a_warning() {
    let text = read_fixture("yarn-v1-classic/yarn.lock").unwrap();
    let read = |path: &str| (path == "web/package.json").then(|| "{ not json".to_string());
    let lock = parse_with(LockfileKind::YarnLock, "web/yarn.lock", &text, &read).unwrap();
    assert!(lock.packages.iter().all(|p| p.scope == Scope::Unknown));
    assert_eq!(lock.warnings.len(), 1);
    assert!(
        lock.warnings[0]
            .1
            .starts_with("web/package.json is not valid JSON"),
        "{:?}",
        lock.warnings
    );
}

#[test]
fn composer_lock_written_by_old_composers_and_php_empty_arrays() {
    let text = r#"{
    "packages": [
        {
            "name": "monolog/monolog",
            "version": "1.27.1",
            "require": [],
            "license": "MIT"
        }
    ],
    "packages-dev": null,
    "aliases": [],
    "platform": []
}"#;
    let lock = parse(LockfileKind::ComposerLock, "composer.lock", text).unwrap();
    assert_eq!(rows(&lock), ["4:monolog/monolog 1.27.1 unknown"]);
    assert_eq!(lock.packages[0].license.as_deref(), Some("MIT"));
}

#[test]
fn poetry_lock_2_0_takes_dev_from_the_pyproject_graph() {
    // Poetry 1.5 to 1.8: no `category`, no `groups`.
    let lock_text = "[[package]]\nname = \"black\"\nversion = \"23.11.0\"\n\n[package.dependencies]\nclick = \">=8.0.0\"\n\n[[package]]\nname = \"click\"\nversion = \"8.1.7\"\n\n[[package]]\nname = \"flask\"\nversion = \"3.0.0\"\n\n[metadata]\nlock-version = \"2.0\"\n";
    let pyproject = "[tool.poetry.dependencies]\npython = \"^3.11\"\nFlask = \"^3.0\"\n\n[tool.poetry.group.dev.dependencies]\nblack = \"^23.11\"\n";
    let read = |path: &str| (path == "api/pyproject.toml").then(|| pyproject.to_string());
    let lock = parse_with(
        LockfileKind::PoetryLock,
        "api/poetry.lock",
        lock_text,
        &read,
    )
    .unwrap();
    assert_eq!(
        rows(&lock),
        [
            "2:black 23.11.0 direct dev",
            "9:click 8.1.7 transitive dev",
            "13:flask 3.0.0 direct",
        ]
    );
}

#[test]
fn go_sum_takes_scope_from_the_go_mod_beside_it() {
    let sum = read_fixture("go-sum-dedupe/go.sum").unwrap();
    let go_mod = "module example.com/x\n\ngo 1.21\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgolang.org/x/crypto v0.17.0 // indirect\n)\n";
    let read = |path: &str| (path == "svc/go.mod").then(|| go_mod.to_string());
    let lock = parse_with(LockfileKind::GoSum, "svc/go.sum", &sum, &read).unwrap();
    assert_eq!(
        rows(&lock),
        [
            "1:github.com/bytedance/sonic v1.9.1 transitive",
            "3:github.com/davecgh/go-spew v1.1.1 transitive",
            "4:github.com/gin-gonic/gin v1.9.0 transitive",
            "5:github.com/gin-gonic/gin v1.9.1 direct",
            "7:golang.org/x/crypto v0.17.0 transitive",
            "10:gopkg.in/yaml.v3 v3.0.1 transitive",
        ]
    );
}
