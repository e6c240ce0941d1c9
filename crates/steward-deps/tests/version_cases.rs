//! Runs every comparison in osv-scalibr's version fixtures
//! (`shared/data/version-cases/*.txt`, lines `A < B`, `A = B`, `A > B`)
//! through the comparator of its ecosystem, both ways round.
//!
//! A row whose versions the comparator rejects is not a failure but is
//! counted, printed with the reason, and checked against the documented count
//! in `UNPARSEABLE` (explained in the `version` module docs, "Fixture rows
//! steward rejects"). Rows in `DISAGREEMENTS` must fail exactly as listed.
//! Every other row must pass. `cargo test -p steward-deps --test
//! version_cases -- --nocapture` prints the counts per file.

use std::cmp::Ordering;
use std::path::PathBuf;

use steward_deps::version::{Ecosystem, Version};

const CASES_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/version-cases/"
);

/// Rows per fixture file whose versions steward rejects as invalid. Each
/// group is explained in the `version` module docs ("Fixture rows steward rejects");
/// keep the two in step.
const UNPARSEABLE: &[(&str, usize)] = &[
    ("semver-versions.txt", 1),
    ("rubygems-versions.txt", 2),
    ("packagist-versions.txt", 6),
    ("alpine-versions.txt", 32),
    ("pub-versions.txt", 31),
];

/// Rows where steward deliberately follows the ecosystem's current reference
/// implementation rather than the fixture; each must fail exactly as listed.
const DISAGREEMENTS: &[(&str, &str, &str)] = &[
    ("maven-versions.txt", "1-1 = 1-ga-1", MAVEN_GA),
    (
        "maven-versions-generated.txt",
        "1.0.0-RC16 < 1.0.0.RC8-beta",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "2.9.0-1 < 2.9.0.RC1",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "6.1.12.rc5 < 6.1.12rc1",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.1.31.sec10 < 1.1.31_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.1.34.sec10 < 1.1.34_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.1.46.sec10 < 1.1.46_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.8.sec10_noneautotype < 1.2.8_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.31.sec10 < 1.2.31_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.48.sec10 < 1.2.48_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.50.sec10 < 1.2.50_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.54.sec10 < 1.2.54_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.57.sec10 < 1.2.57_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.60.sec10 < 1.2.60_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.2.67.sec10 < 1.2.67_noneautotype",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.0.0rc0 < 1.0.beta8",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.5.9.RC1 < 1.5.9-RC0",
        MAVEN_387,
    ),
    (
        "maven-versions-generated.txt",
        "1.1.0-01-glassfish < 1.1.0.Beta1",
        MAVEN_387,
    ),
];

/// ComparableVersion (3.8.6 and 3.8.7 alike) keeps the nested list that `-1`
/// opens, so `1-1 > 1-ga-1`; the row follows the POM reference's prose, which
/// trims a null `ga` between two hyphens.
const MAVEN_GA: &str = "ComparableVersion orders 1-1 > 1-ga-1";

/// The generated Maven fixture was sorted with maven-artifact 3.8.6. From
/// 3.8.7 on, a qualifier after `.` that ends the version or precedes a number
/// opens a list as if it followed `-` (`1.5.9.RC1` ranks like `1.5.9-RC1`);
/// steward follows current Maven, checked against the 3.8.7 jar.
const MAVEN_387: &str = "maven-artifact 3.8.7+ orders .qualifier like -qualifier";

struct Case {
    line: usize,
    a: String,
    expected: Ordering,
    b: String,
}

fn read_cases(file: &str) -> Vec<Case> {
    let path = PathBuf::from(CASES_DIR).join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut cases = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("//") {
            continue;
        }
        let parts: Vec<&str> = line.split(' ').collect();
        let [a, op, b] = parts[..] else {
            panic!("{file}:{}: expected `A op B`, got {raw:?}", i + 1);
        };
        let expected = match op {
            "<" => Ordering::Less,
            "=" => Ordering::Equal,
            ">" => Ordering::Greater,
            _ => panic!("{file}:{}: unknown operator {op:?}", i + 1),
        };
        cases.push(Case {
            line: i + 1,
            a: a.to_owned(),
            expected,
            b: b.to_owned(),
        });
    }
    cases
}

fn symbol(o: Ordering) -> &'static str {
    match o {
        Ordering::Less => "<",
        Ordering::Equal => "=",
        Ordering::Greater => ">",
    }
}

/// Runs one file; returns (passed, failures, unparseable) and prints a summary.
fn run_file(eco: Ecosystem, file: &str) -> (usize, Vec<String>, Vec<String>) {
    let mut passed = 0;
    let mut failures = Vec::new();
    let mut unparseable = Vec::new();
    for case in read_cases(file) {
        let row = format!("{} {} {}", case.a, symbol(case.expected), case.b);
        if DISAGREEMENTS
            .iter()
            .any(|(f, r, _)| *f == file && *r == row)
        {
            let a = eco.parse_version(&case.a).expect("disagreement rows parse");
            let b = eco.parse_version(&case.b).expect("disagreement rows parse");
            let got = a.try_cmp(&b).expect("same scheme");
            assert_ne!(
                got, case.expected,
                "{file}: {row} now passes; drop it from DISAGREEMENTS"
            );
            println!(
                "  known disagreement {file}:{}: {row}, steward says {}",
                case.line,
                symbol(got)
            );
            continue;
        }
        let parse = |s: &str| eco.parse_version(s);
        let (a, b): (Version, Version) = match (parse(&case.a), parse(&case.b)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                unparseable.push(format!("{file}:{}: {e}", case.line));
                continue;
            }
        };
        let forward = a.try_cmp(&b).expect("same scheme");
        let backward = b.try_cmp(&a).expect("same scheme");
        if forward == case.expected && backward == case.expected.reverse() {
            passed += 1;
        } else {
            failures.push(format!(
                "{file}:{}: expected {} {} {}, got {} {} {} and {} {} {}",
                case.line,
                case.a,
                symbol(case.expected),
                case.b,
                case.a,
                symbol(forward),
                case.b,
                case.b,
                symbol(backward),
                case.a
            ));
        }
    }
    println!(
        "{eco} {file}: {passed} passed, {} failed, {} unparseable",
        failures.len(),
        unparseable.len()
    );
    for f in failures.iter().take(20) {
        println!("  FAIL {f}");
    }
    for u in &unparseable {
        println!("  unparseable {u}");
    }
    (passed, failures, unparseable)
}

fn check(eco: Ecosystem, files: &[&str]) {
    let mut problems = Vec::new();
    for file in files {
        let (passed, failures, unparseable) = run_file(eco, file);
        assert!(passed > 0, "{file}: no cases ran");
        if !failures.is_empty() {
            problems.push(format!("{file}: {} comparisons failed", failures.len()));
        }
        let documented = UNPARSEABLE
            .iter()
            .find(|(f, _)| f == file)
            .map_or(0, |(_, n)| *n);
        if unparseable.len() != documented {
            problems.push(format!(
                "{file}: {} unparseable rows, {documented} documented",
                unparseable.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{eco}: {}", problems.join("; "));
}

#[test]
fn semver_ecosystems() {
    for eco in [
        Ecosystem::CratesIo,
        Ecosystem::Npm,
        Ecosystem::Go,
        Ecosystem::Hex,
    ] {
        check(eco, &["semver-versions.txt"]);
    }
}

#[test]
fn pypi() {
    check(
        Ecosystem::PyPI,
        &["pypi-versions.txt", "pypi-versions-generated.txt"],
    );
}

#[test]
fn maven() {
    check(
        Ecosystem::Maven,
        &["maven-versions.txt", "maven-versions-generated.txt"],
    );
}

#[test]
fn rubygems() {
    check(
        Ecosystem::RubyGems,
        &["rubygems-versions.txt", "rubygems-versions-generated.txt"],
    );
}

#[test]
fn nuget() {
    check(Ecosystem::NuGet, &["nuget-versions.txt"]);
}

#[test]
fn packagist() {
    check(
        Ecosystem::Packagist,
        &["packagist-versions.txt", "packagist-versions-generated.txt"],
    );
}

#[test]
fn debian() {
    check(
        Ecosystem::Debian,
        &["debian-versions.txt", "debian-versions-generated.txt"],
    );
}

#[test]
fn alpine() {
    check(
        Ecosystem::Alpine,
        &["alpine-versions.txt", "alpine-versions-generated.txt"],
    );
}

#[test]
fn red_hat() {
    check(Ecosystem::RedHat, &["redhat-versions.txt"]);
}

#[test]
fn cran() {
    check(
        Ecosystem::Cran,
        &["cran-versions.txt", "cran-versions-generated.txt"],
    );
}

#[test]
fn hackage() {
    check(Ecosystem::Hackage, &["hackage-versions.txt"]);
}

#[test]
fn pub_dart() {
    check(Ecosystem::Pub, &["pub-versions.txt"]);
}

/// Every fixture file is run by some test above.
#[test]
fn every_fixture_file_is_covered() {
    let covered = [
        "semver-versions.txt",
        "pypi-versions.txt",
        "pypi-versions-generated.txt",
        "maven-versions.txt",
        "maven-versions-generated.txt",
        "rubygems-versions.txt",
        "rubygems-versions-generated.txt",
        "nuget-versions.txt",
        "packagist-versions.txt",
        "packagist-versions-generated.txt",
        "debian-versions.txt",
        "debian-versions-generated.txt",
        "alpine-versions.txt",
        "alpine-versions-generated.txt",
        "redhat-versions.txt",
        "cran-versions.txt",
        "cran-versions-generated.txt",
        "hackage-versions.txt",
        "pub-versions.txt",
    ];
    for entry in std::fs::read_dir(CASES_DIR).expect("version-cases directory") {
        let name = entry.expect("dir entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            covered.contains(&name.as_ref()),
            "{name} is not run by any test"
        );
    }
}
