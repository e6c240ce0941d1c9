//! Hostile and random input never panics a version parser or comparator, is
//! rejected with a reason when it is not a version, and valid versions are
//! totally ordered (reflexive, antisymmetric, transitive).

use std::cmp::Ordering;

use steward_deps::version::{Ecosystem, MAX_VERSION_LEN, Scheme, Version, VersionError};

/// One ecosystem per scheme.
const ECOSYSTEMS: [Ecosystem; 12] = [
    Ecosystem::Npm,
    Ecosystem::PyPI,
    Ecosystem::Maven,
    Ecosystem::RubyGems,
    Ecosystem::NuGet,
    Ecosystem::Packagist,
    Ecosystem::Pub,
    Ecosystem::Cran,
    Ecosystem::Hackage,
    Ecosystem::Debian,
    Ecosystem::Alpine,
    Ecosystem::RedHat,
];

fn junk() -> Vec<String> {
    let mut junk: Vec<String> = [
        "", " ", "\t", "\n", ".", "..", "...", "-", "--", "_", "+", "~", "^", ":", "!", "v", "V",
        "-r", "_p", "1-", "1.", ".1", "1..1", "1--1", "1++1", "1!", "!1", "1:", ":1", "+1", "~1",
        "1.0+", "1.0-", "1!1!1", "1:1:1", "\0", "1\0", "é", "1.é", "🦀", "1.0\n", "1.0 ", " 1.0",
        "1.0-r", "1_", "1~~~", "1^^^", "1-ga-", "v-", "1-.-.-", "dev-", "-1", "1.-1",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    junk.push("9".repeat(40));
    junk.push(format!("1.{}", "9".repeat(100)));
    junk.push(format!("{}1", "0".repeat(500)));
    junk.push(format!(
        "{}.{}.{}",
        "9".repeat(300),
        "9".repeat(300),
        "9".repeat(300)
    ));
    junk.push("1".repeat(MAX_VERSION_LEN));
    junk.push("1".repeat(MAX_VERSION_LEN + 1));
    junk.push("1-".repeat(MAX_VERSION_LEN / 2));
    junk.push("a1".repeat(MAX_VERSION_LEN / 2));
    junk.push("1.a".repeat(MAX_VERSION_LEN / 3));
    junk.push("-".repeat(MAX_VERSION_LEN));
    junk.push(".".repeat(MAX_VERSION_LEN));
    junk.push("~".repeat(MAX_VERSION_LEN));
    junk
}

#[test]
fn junk_never_panics_and_errors_say_why() {
    let junk = junk();
    for eco in ECOSYSTEMS {
        let parsed: Vec<Version> = junk
            .iter()
            .filter_map(|s| eco.parse_version(s).ok())
            .collect();
        for s in &junk {
            if let Err(e) = eco.parse_version(s) {
                let VersionError::Invalid { reason, .. } = &e else {
                    panic!("{eco}: {s:?}: unexpected error kind {e:?}");
                };
                assert!(!reason.is_empty(), "{eco}: {s:?}");
                assert!(e.to_string().len() < 400, "{eco}: message too long: {e}");
            }
        }
        for a in &parsed {
            for b in &parsed {
                let ab = a.try_cmp(b).unwrap();
                assert_eq!(ab, b.try_cmp(a).unwrap().reverse(), "{eco}: {a:?} vs {b:?}");
            }
        }
        for bad in ["", " ", "\0"] {
            assert!(eco.parse_version(bad).is_err(), "{eco} accepts {bad:?}");
        }
        let too_long = "1".repeat(MAX_VERSION_LEN + 1);
        assert!(
            eco.parse_version(&too_long).is_err(),
            "{eco} accepts a huge version"
        );
    }
}

#[test]
fn numbers_beyond_u64_compare_numerically() {
    let small = "18446744073709551615"; // u64::MAX
    let big = "18446744073709551616";
    let bigger = "99999999999999999999999999999999";
    for eco in ECOSYSTEMS {
        let (s, b, bb) = if matches!(eco.scheme(), Scheme::SemVer | Scheme::Pub) {
            (
                format!("1.0.{small}"),
                format!("1.0.{big}"),
                format!("1.0.{bigger}"),
            )
        } else {
            (
                format!("1.{small}"),
                format!("1.{big}"),
                format!("1.{bigger}"),
            )
        };
        let p = |v: &str| {
            eco.parse_version(v)
                .unwrap_or_else(|e| panic!("{eco}: {e}"))
        };
        assert_eq!(p(&s).try_cmp(&p(&b)).unwrap(), Ordering::Less, "{eco}");
        assert_eq!(p(&b).try_cmp(&p(&bb)).unwrap(), Ordering::Less, "{eco}");
        assert_eq!(p(&bb).try_cmp(&p(&bb)).unwrap(), Ordering::Equal, "{eco}");
    }
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn random_version(rng: &mut Lcg) -> String {
    const PIECES: &[&str] = &[
        "0", "1", "2", "9", "10", "00", "01", "123", ".", ".", ".", "-", "_", "+", "~", "^", ":",
        "!", "v", "a", "b", "c", "rc", "alpha", "beta", "pre", "post", "dev", "r", "p", "pl",
        "snapshot", "ga", "final", "sp", "x", "Z", "git", "é",
    ];
    let len = rng.next() % 9;
    let mut s = String::new();
    match rng.next() % 4 {
        0 => {}
        1 => s.push_str(rng.pick(&["1.2.3", "0.0.0", "1.0.0", "10.0.1"])),
        _ => s.push_str(rng.pick(&["1", "0", "2", "10"])),
    }
    for _ in 0..len {
        s.push_str(rng.pick(PIECES));
    }
    s
}

#[test]
fn random_versions_are_totally_ordered() {
    let mut rng = Lcg(std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed));
    let samples: Vec<String> = (0..3000).map(|_| random_version(&mut rng)).collect();
    for eco in ECOSYSTEMS {
        let mut valid: Vec<Version> = samples
            .iter()
            .filter_map(|s| eco.parse_version(s).ok())
            .collect();
        assert!(
            valid.len() >= 20,
            "{eco}: only {} random versions valid",
            valid.len()
        );
        for v in &valid {
            assert_eq!(v.try_cmp(v).unwrap(), Ordering::Equal, "{eco}: {v:?}");
        }
        if eco == Ecosystem::Maven {
            // ComparableVersion itself is not transitive (see
            // `maven_order_has_cycles`); only antisymmetry holds.
            for a in valid.iter().step_by(10) {
                for b in valid.iter().step_by(10) {
                    assert_eq!(a.try_cmp(b).unwrap(), b.try_cmp(a).unwrap().reverse());
                }
            }
            continue;
        }
        // Rust's sort panics on many inconsistent orders; check the result too.
        valid.sort_by(|a, b| a.try_cmp(b).unwrap());
        for w in valid.windows(2) {
            assert_ne!(w[0].try_cmp(&w[1]).unwrap(), Ordering::Greater, "{eco}");
        }
        let sample: Vec<&Version> = valid.iter().step_by(valid.len() / 60 + 1).collect();
        for a in &sample {
            for b in &sample {
                let ab = a.try_cmp(b).unwrap();
                assert_eq!(ab, b.try_cmp(a).unwrap().reverse(), "{eco}: {a:?} {b:?}");
                for c in &sample {
                    let bc = b.try_cmp(c).unwrap();
                    if ab != Ordering::Greater && bc != Ordering::Greater {
                        assert_ne!(
                            a.try_cmp(c).unwrap(),
                            Ordering::Greater,
                            "{eco}: {a:?} <= {b:?} <= {c:?}"
                        );
                    }
                }
            }
        }
    }
}

/// Maven's own order has cycles, even among versions that start with a
/// number: a qualifier after `.` followed by more parts stays in the same list
/// as the numbers, while one at the end opens a new list, and qualifiers rank
/// below lists. steward reproduces Maven pair by pair (checked against
/// maven-artifact 3.8.7), so it reproduces the cycles too; this pins them.
#[test]
fn maven_order_has_cycles() {
    let p = |s: &str| Ecosystem::Maven.parse_version(s).unwrap();
    let (rc, one, post) = (p("1.rc"), p("1"), p("1.post.1"));
    assert_eq!(rc.try_cmp(&one).unwrap(), Ordering::Less);
    assert_eq!(one.try_cmp(&post).unwrap(), Ordering::Less);
    assert_eq!(post.try_cmp(&rc).unwrap(), Ordering::Less);
}
