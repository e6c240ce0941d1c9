//! CVSS scores computed from the vector string, as FIRST's specifications define them:
//! v3.0/v3.1 base scores (section 7 formulas, with 3.1's `Roundup`) and v4.0 scores
//! (macrovector lookup and severity-distance interpolation, section 8).

/// The base score (0.0–10.0) of a `CVSS:3.x/AV:../AC:../PR:../UI:../S:../C:../I:../A:..`
/// vector; `None` when the vector is not a complete, valid v3 vector.
pub fn v3_base_score(vector: &str) -> Option<f64> {
    let mut parts = vector.trim().split('/');
    let version = parts.next()?;
    if version != "CVSS:3.0" && version != "CVSS:3.1" {
        return None;
    }
    let (mut av, mut ac, mut pr, mut ui, mut s, mut c, mut i, mut a) =
        (None, None, None, None, None, None, None, None);
    for part in parts {
        let (key, value) = part.split_once(':')?;
        match key {
            "AV" => {
                av = Some(pick(
                    value,
                    &[("N", 0.85), ("A", 0.62), ("L", 0.55), ("P", 0.2)],
                )?)
            }
            "AC" => ac = Some(pick(value, &[("L", 0.77), ("H", 0.44)])?),
            "PR" => pr = Some(value),
            "UI" => ui = Some(pick(value, &[("N", 0.85), ("R", 0.62)])?),
            "S" => s = Some(value),
            "C" => c = Some(pick(value, CIA)?),
            "I" => i = Some(pick(value, CIA)?),
            "A" => a = Some(pick(value, CIA)?),
            // Temporal and environmental metrics do not change the base score.
            _ => {}
        }
    }
    let changed = match s? {
        "U" => false,
        "C" => true,
        _ => return None,
    };
    let pr = match (pr?, changed) {
        ("N", _) => 0.85,
        ("L", false) => 0.62,
        ("L", true) => 0.68,
        ("H", false) => 0.27,
        ("H", true) => 0.5,
        _ => return None,
    };
    let iss = 1.0 - (1.0 - c?) * (1.0 - i?) * (1.0 - a?);
    let impact = if changed {
        7.52 * (iss - 0.029) - 3.25 * (iss - 0.02).powi(15)
    } else {
        6.42 * iss
    };
    let exploitability = 8.22 * av? * ac? * pr * ui?;
    if impact <= 0.0 {
        return Some(0.0);
    }
    let raw = if changed {
        1.08 * (impact + exploitability)
    } else {
        impact + exploitability
    };
    Some(roundup(raw.min(10.0)))
}

const CIA: &[(&str, f64)] = &[("H", 0.56), ("L", 0.22), ("N", 0.0)];

fn pick(value: &str, table: &[(&str, f64)]) -> Option<f64> {
    table.iter().find(|(k, _)| *k == value).map(|(_, v)| *v)
}

/// CVSS 3.1's `Roundup`: the smallest number with one decimal that is at least `x`,
/// computed on integers to avoid floating-point artefacts.
fn roundup(x: f64) -> f64 {
    let int_input = (x * 100_000.0).round() as i64;
    if int_input % 10_000 == 0 {
        int_input as f64 / 100_000.0
    } else {
        ((int_input / 10_000) + 1) as f64 / 10.0
    }
}

/// The score of a CVSS v4.0 vector
/// (`CVSS:4.0/AV:../AC:../AT:../PR:../UI:../VC:../VI:../VA:../SC:../SI:../SA:..`), as FIRST's
/// v4.0 specification computes it: CVSS-B from the eleven base metrics alone, CVSS-BT /
/// CVSS-BE / CVSS-BTE when the vector also carries threat (`E`) or environmental metrics.
/// `None` when the vector is not a complete, valid v4.0 vector.
///
/// The score is the macrovector's score from the specification's lookup table, lowered by
/// the vector's mean proportional severity distance from the macrovector's highest-severity
/// vectors. It is computed on exact tenths (integers), not floating point, so that a score
/// that lands exactly on `x.x5` rounds half up as the specification intends; the reference
/// calculators add an epsilon for the same purpose since their 2024 rounding fixes.
pub fn v4_score(vector: &str) -> Option<f64> {
    let v = V4Vector::parse(vector)?;
    Some(f64::from(v.score_tenths()) / 10.0)
}

/// Every v4.0 metric and its allowed values (`X` is "not defined").
const V4_METRICS: &[(&str, &[&str])] = &[
    ("AV", &["N", "A", "L", "P"]),
    ("AC", &["L", "H"]),
    ("AT", &["N", "P"]),
    ("PR", &["N", "L", "H"]),
    ("UI", &["N", "P", "A"]),
    ("VC", &["H", "L", "N"]),
    ("VI", &["H", "L", "N"]),
    ("VA", &["H", "L", "N"]),
    ("SC", &["H", "L", "N"]),
    ("SI", &["H", "L", "N"]),
    ("SA", &["H", "L", "N"]),
    ("E", &["X", "A", "P", "U"]),
    ("CR", &["X", "H", "M", "L"]),
    ("IR", &["X", "H", "M", "L"]),
    ("AR", &["X", "H", "M", "L"]),
    ("MAV", &["X", "N", "A", "L", "P"]),
    ("MAC", &["X", "L", "H"]),
    ("MAT", &["X", "N", "P"]),
    ("MPR", &["X", "N", "L", "H"]),
    ("MUI", &["X", "N", "P", "A"]),
    ("MVC", &["X", "H", "L", "N"]),
    ("MVI", &["X", "H", "L", "N"]),
    ("MVA", &["X", "H", "L", "N"]),
    ("MSC", &["X", "H", "L", "N"]),
    ("MSI", &["X", "S", "H", "L", "N"]),
    ("MSA", &["X", "S", "H", "L", "N"]),
    // Supplemental metrics: allowed, never scored.
    ("S", &["X", "N", "P"]),
    ("AU", &["X", "N", "Y"]),
    ("R", &["X", "A", "U", "I"]),
    ("V", &["X", "D", "C"]),
    ("RE", &["X", "L", "M", "H"]),
    ("U", &["X", "Clear", "Green", "Amber", "Red"]),
];

/// The eleven base metrics every v4.0 vector must give.
const V4_BASE: usize = 11;

struct V4Vector<'a> {
    values: [Option<&'a str>; V4_METRICS.len()],
}

impl<'a> V4Vector<'a> {
    fn parse(vector: &'a str) -> Option<V4Vector<'a>> {
        let mut parts = vector.trim().split('/');
        if parts.next()? != "CVSS:4.0" {
            return None;
        }
        let mut values = [None; V4_METRICS.len()];
        for part in parts {
            let (key, value) = part.split_once(':')?;
            let i = V4_METRICS.iter().position(|(k, _)| *k == key)?;
            if values[i].is_some() || !V4_METRICS[i].1.contains(&value) {
                return None;
            }
            values[i] = Some(value);
        }
        if values[..V4_BASE].iter().any(Option::is_none) {
            return None;
        }
        Some(V4Vector { values })
    }

    fn get(&self, key: &str) -> Option<&'a str> {
        let i = V4_METRICS.iter().position(|(k, _)| *k == key)?;
        self.values[i].filter(|v| *v != "X")
    }

    /// The value scoring uses: the environmental `M*` override where given; a threat or
    /// security-requirement metric left out counts at its worst (`E:A`, `CR/IR/AR:H`).
    fn effective(&self, key: &str) -> &'a str {
        let modified = match key {
            "AV" => "MAV",
            "AC" => "MAC",
            "AT" => "MAT",
            "PR" => "MPR",
            "UI" => "MUI",
            "VC" => "MVC",
            "VI" => "MVI",
            "VA" => "MVA",
            "SC" => "MSC",
            "SI" => "MSI",
            "SA" => "MSA",
            "E" => return self.get("E").unwrap_or("A"),
            "CR" | "IR" | "AR" => return self.get(key).unwrap_or("H"),
            _ => return self.get(key).unwrap_or("X"),
        };
        // parse() made sure every base metric is present.
        self.get(modified).or_else(|| self.get(key)).unwrap_or("N")
    }

    /// The six equivalence classes (EQ1..EQ6) that name the vector's macrovector.
    fn macrovector(&self) -> [u8; 6] {
        let m = |k| self.effective(k);
        let (av, pr, ui) = (m("AV"), m("PR"), m("UI"));
        let eq1 = if av == "N" && pr == "N" && ui == "N" {
            0
        } else if (av == "N" || pr == "N" || ui == "N") && av != "P" {
            1
        } else {
            2
        };
        let eq2 = if m("AC") == "L" && m("AT") == "N" {
            0
        } else {
            1
        };
        let (vc, vi, va) = (m("VC"), m("VI"), m("VA"));
        let eq3 = if vc == "H" && vi == "H" {
            0
        } else if vc == "H" || vi == "H" || va == "H" {
            1
        } else {
            2
        };
        let eq4 = if m("MSI") == "S" || m("MSA") == "S" {
            0
        } else if m("SC") == "H" || m("SI") == "H" || m("SA") == "H" {
            1
        } else {
            2
        };
        let eq5 = match m("E") {
            "A" => 0,
            "P" => 1,
            _ => 2,
        };
        let eq6 = if (m("CR") == "H" && vc == "H")
            || (m("IR") == "H" && vi == "H")
            || (m("AR") == "H" && va == "H")
        {
            0
        } else {
            1
        };
        [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    /// The score in tenths (0..=100).
    fn score_tenths(&self) -> i32 {
        if ["VC", "VI", "VA", "SC", "SI", "SA"]
            .iter()
            .all(|k| self.effective(k) == "N")
        {
            return 0;
        }
        let eq = self.macrovector();
        let Some(value) = macro_score(eq) else {
            // Every valid vector falls in one of the table's 270 macrovectors.
            return 0;
        };
        let lower = |i: usize, by: u8| {
            let mut next = eq;
            next[i] += by;
            next
        };
        let (eq3, eq6) = (eq[2], eq[5]);
        let lower_eq3eq6 = match (eq3, eq6) {
            // 00 can lower either way: take the higher of the two.
            (0, 0) => macro_score(lower(5, 1)).max(macro_score(lower(2, 1))),
            (0, 1) | (1, 1) => macro_score(lower(2, 1)),
            (1, 0) => macro_score(lower(5, 1)),
            _ => None,
        };
        let lowers = [
            macro_score(lower(0, 1)),
            macro_score(lower(1, 1)),
            lower_eq3eq6,
            macro_score(lower(3, 1)),
            macro_score(lower(4, 1)),
        ];

        // The highest-severity vector of the macrovector the vector is "below" in every
        // metric, and the vector's distance from it per EQ (in tenths).
        let Some(distances) = self.distances_from_max(eq) else {
            return value;
        };
        // Each EQ's depth: the largest severity distance within its macrovectors, plus one.
        let depth = [
            [1, 4, 5][eq[0] as usize],
            [1, 2][eq[1] as usize],
            match (eq3, eq6) {
                (0, 0) => 7,
                (0, 1) => 6,
                (1, _) => 8,
                _ => 10,
            },
            [6, 5, 4][eq[3] as usize],
            1,
        ];
        // mean = (sum of msd_i * distance_i / depth_i) / n, on a common denominator.
        const COMMON: i64 = 840; // divisible by every depth (1, 2, 4, 5, 6, 7, 8, 10)
        let mut numerator: i64 = 0;
        let mut n: i64 = 0;
        for i in 0..5 {
            let Some(lower) = lowers[i] else { continue };
            n += 1;
            // EQ5's proportion is always 0: the threat metric moves the macrovector only.
            if i == 4 {
                continue;
            }
            let msd = i64::from(value - lower);
            numerator += msd * i64::from(distances[i]) * (COMMON / depth[i]);
        }
        if n == 0 {
            return value;
        }
        let denominator = COMMON * n;
        // round_half_up(value - numerator / denominator), clamped to 0..=10.0.
        let exact = i64::from(value) * denominator - numerator;
        let rounded = (2 * exact + denominator).div_euclid(2 * denominator);
        rounded.clamp(0, 100) as i32
    }

    /// Severity distances (in tenths, per EQ1..EQ4) from the first of the macrovector's
    /// highest-severity vectors that is at least as severe as this one in every metric.
    fn distances_from_max(&self, eq: [u8; 6]) -> Option<[i32; 4]> {
        let eq1 = MAX_EQ1[eq[0] as usize];
        let eq2 = MAX_EQ2[eq[1] as usize];
        let eq3 = match (eq[2], eq[5]) {
            (0, 0) => MAX_EQ3_EQ6[0],
            (0, _) => MAX_EQ3_EQ6[1],
            (1, 0) => MAX_EQ3_EQ6[2],
            (1, _) => MAX_EQ3_EQ6[3],
            _ => MAX_EQ3_EQ6[4],
        };
        let eq4 = MAX_EQ4[eq[3] as usize];
        for a in eq1 {
            for b in eq2 {
                for c in eq3 {
                    let parts = [*a, *b, *c, eq4];
                    let mut sums = [0i32; 4];
                    let mut below = true;
                    for (sum, part) in sums.iter_mut().zip(parts) {
                        for metric in part.split('/') {
                            let (key, max) = metric.split_once(':')?;
                            let d = level(key, self.effective(key))? - level(key, max)?;
                            if d < 0 {
                                below = false;
                            }
                            *sum += d;
                        }
                    }
                    if below {
                        return Some(sums);
                    }
                }
            }
        }
        None
    }
}

/// A metric value's severity level in tenths (0 is the most severe), as the specification's
/// severity distances count them.
fn level(key: &str, value: &str) -> Option<i32> {
    let order: &[&str] = match key {
        "AV" => &["N", "A", "L", "P"],
        "PR" => &["N", "L", "H"],
        "UI" => &["N", "P", "A"],
        "AC" => &["L", "H"],
        "AT" => &["N", "P"],
        "VC" | "VI" | "VA" => &["H", "L", "N"],
        // `S` (safety) exists only for the modified SI/SA; SC starts one step below it.
        "SC" => &["S", "H", "L", "N"],
        "SI" | "SA" => &["S", "H", "L", "N"],
        "CR" | "IR" | "AR" => &["H", "M", "L"],
        _ => return None,
    };
    order.iter().position(|v| *v == value).map(|p| p as i32)
}

/// Each EQ level's highest-severity partial vectors (the specification's "max composed").
const MAX_EQ1: [&[&str]; 3] = [
    &["AV:N/PR:N/UI:N"],
    &["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"],
    &["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"],
];
const MAX_EQ2: [&[&str]; 2] = [&["AC:L/AT:N"], &["AC:H/AT:N", "AC:L/AT:P"]];
/// EQ3 and EQ6 together: 00, 01, 10, 11, 21.
const MAX_EQ3_EQ6: [&[&str]; 5] = [
    &["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"],
    &[
        "VC:H/VI:H/VA:L/CR:M/IR:M/AR:H",
        "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M",
    ],
    &[
        "VC:L/VI:H/VA:H/CR:H/IR:H/AR:H",
        "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H",
    ],
    &[
        "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H",
        "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
        "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
        "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
        "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M",
    ],
    &["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"],
];
const MAX_EQ4: [&str; 3] = ["SC:H/SI:S/SA:S", "SC:H/SI:H/SA:H", "SC:L/SI:L/SA:L"];

/// The score (in tenths) of macrovector `eq`, from the specification's lookup table.
fn macro_score(eq: [u8; 6]) -> Option<i32> {
    let [eq1, eq2, eq3, eq4, eq5, eq6] = eq.map(usize::from);
    if eq1 > 2 || eq2 > 1 || eq3 > 2 || eq4 > 2 || eq5 > 2 || eq6 > 1 {
        return None;
    }
    let row = MACROVECTOR_SCORES[(eq1 * 2 + eq2) * 3 + eq3];
    let score = row[(eq4 * 3 + eq5) * 2 + eq6];
    (score >= 0).then_some(i32::from(score))
}

/// The v4.0 specification's macrovector scores, in tenths. One row per EQ1 EQ2 EQ3 (000,
/// 001, 002, 010, ... 212); within a row EQ4 EQ5 EQ6 = 000, 001, 010, 011, 020, 021, 100,
/// ..., 221. EQ3 = 2 with EQ6 = 0 cannot happen (no high impact, yet a high impact with a
/// high requirement): -1.
#[rustfmt::skip]
const MACROVECTOR_SCORES: [[i8; 18]; 18] = [
    [100, 99, 98, 95, 95, 92, 100, 96, 93, 87, 91, 81, 93, 90, 89, 80, 81, 68], // 000
    [98, 95, 95, 92, 90, 84, 93, 92, 89, 81, 81, 65, 88, 80, 78, 70, 69, 48],   // 001
    [-1, 92, -1, 82, -1, 72, -1, 79, -1, 69, -1, 50, -1, 69, -1, 55, -1, 27],   // 002
    [99, 97, 95, 92, 92, 85, 95, 91, 90, 83, 84, 71, 92, 81, 82, 71, 72, 53],   // 010
    [95, 93, 92, 85, 85, 73, 92, 82, 80, 72, 70, 59, 84, 70, 71, 52, 50, 30],   // 011
    [-1, 86, -1, 75, -1, 52, -1, 71, -1, 52, -1, 29, -1, 63, -1, 29, -1, 17],   // 012
    [98, 95, 94, 87, 91, 81, 94, 89, 86, 74, 77, 64, 87, 75, 74, 63, 63, 49],   // 100
    [94, 89, 88, 77, 76, 67, 86, 76, 74, 58, 59, 50, 72, 57, 57, 52, 52, 25],   // 101
    [-1, 83, -1, 70, -1, 54, -1, 65, -1, 58, -1, 26, -1, 53, -1, 21, -1, 13],   // 102
    [95, 90, 88, 76, 76, 70, 90, 77, 75, 62, 61, 53, 77, 66, 68, 59, 52, 30],   // 110
    [89, 78, 76, 67, 62, 58, 74, 59, 57, 57, 47, 23, 61, 52, 57, 29, 24, 16],   // 111
    [-1, 71, -1, 59, -1, 30, -1, 58, -1, 26, -1, 15, -1, 23, -1, 13, -1, 6],    // 112
    [93, 87, 86, 72, 75, 58, 86, 74, 74, 61, 56, 34, 70, 54, 52, 40, 40, 22],   // 200
    [85, 75, 74, 55, 62, 51, 72, 57, 55, 41, 46, 19, 53, 36, 34, 19, 19, 8],    // 201
    [-1, 64, -1, 51, -1, 20, -1, 47, -1, 21, -1, 11, -1, 24, -1, 9, -1, 4],     // 202
    [88, 75, 73, 53, 60, 50, 73, 55, 59, 40, 41, 20, 54, 43, 45, 22, 20, 11],   // 210
    [75, 55, 58, 45, 40, 21, 61, 51, 48, 18, 20, 9, 46, 18, 17, 7, 8, 2],       // 211
    [-1, 53, -1, 24, -1, 14, -1, 24, -1, 12, -1, 5, -1, 10, -1, 3, -1, 1],      // 212
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_match_the_specification_examples() {
        // Scores published with these vectors by the CVSS v3.1 calculator.
        let cases = [
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
            ("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8),
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9),
            ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
            ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9),
        ];
        for (vector, score) in cases {
            assert_eq!(v3_base_score(vector), Some(score), "{vector}");
        }
    }

    #[test]
    fn v4_scores_match_published_ones() {
        let cases = [
            // Every base metric at its worst: macrovector 000100 scores 10 and the vector is
            // its highest-severity vector.
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
                10.0,
            ),
            // The familiar 9.3 of an unauthenticated network RCE without subsequent-system
            // impact: macrovector 000200 (9.3); EQ4 has no lower macrovector, so its
            // distance does not count.
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                9.3,
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N",
                6.9,
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
                0.0,
            ),
            // Macrovector 101100 (8.6). Next lower: EQ1 7.2, EQ2 7.4, EQ3/EQ6 7.6, EQ4 7.2,
            // EQ5 exists. The nearest highest-severity vector is AV:N/PR:N/UI:P + AC:L/AT:N
            // + VC:H/VI:L/VA:H/CR:H/IR:H/AR:H + SC:H/SI:H/SA:H; the only distance is VA
            // (N vs H, 2 steps) of EQ3/EQ6's depth 8: (8.6 - 7.6) * 2/8 = 0.25 over 5 EQs
            // is 0.05, and 8.55 rounds half up to 8.6 (floating point gave 8.5 before the
            // calculators' 2024 rounding fix).
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H",
                8.6,
            ),
            // Threat and environmental metrics change the score (CVSS-BT, CVSS-BTE); these
            // are the examples of the calculators' rounding reports (0.35 -> 0.4,
            // 8.95 -> 9.0, 8.55 -> 8.6).
            (
                "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U",
                0.4,
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:H/SI:H/SA:H/E:P",
                9.0,
            ),
            (
                "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:H/S:N/AU:N/R:I/\
                 V:C/RE:M/U:Green/MAV:A/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:N/MVA:H/MSC:H/MSI:H/\
                 MSA:H/CR:H/IR:M/AR:H/E:A",
                8.6,
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A",
                8.7,
            ),
            // Vectors of RustSec advisories in ../shared/data/osv, with the scores FIRST's
            // calculator gives them (checked with the Red Hat `cvss` 3.6 Python package).
            (
                "CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:P/VC:N/VI:L/VA:L/SC:N/SI:N/SA:N",
                2.0,
            ),
            (
                "CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H",
                6.8,
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N",
                6.9,
            ),
            (
                "CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:N/VC:L/VI:H/VA:N/SC:H/SI:H/SA:H",
                7.3,
            ),
            (
                "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
                9.4,
            ),
            (
                "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/E:U",
                1.7,
            ),
            (
                "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N",
                1.0,
            ),
        ];
        for (vector, score) in cases {
            assert_eq!(v4_score(vector), Some(score), "{vector}");
        }
    }

    #[test]
    fn v4_vectors_must_be_complete_and_valid() {
        let full = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        assert!(v4_score(full).is_some());
        // A base metric missing, a value a metric does not have, a metric given twice, an
        // unknown metric, another version.
        for bad in [
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
            "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:U",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:A",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S",
            "CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/",
        ] {
            assert_eq!(v4_score(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_v4_macrovector_has_a_score_and_impossible_ones_none() {
        let mut scored = 0;
        for eq1 in 0..3 {
            for eq2 in 0..2 {
                for eq3 in 0..3 {
                    for eq4 in 0..3 {
                        for eq5 in 0..3 {
                            for eq6 in 0..2 {
                                let s = macro_score([eq1, eq2, eq3, eq4, eq5, eq6]);
                                assert_eq!(s.is_some(), !(eq3 == 2 && eq6 == 0));
                                scored += usize::from(s.is_some());
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(scored, 270);
        // Spot checks against the specification's table.
        assert_eq!(macro_score([0, 0, 0, 0, 0, 0]), Some(100));
        assert_eq!(macro_score([1, 1, 1, 1, 1, 1]), Some(57));
        assert_eq!(macro_score([2, 1, 2, 2, 2, 1]), Some(1));
        assert_eq!(macro_score([3, 0, 0, 0, 0, 0]), None);
    }

    #[test]
    fn incomplete_or_other_vectors_have_no_score() {
        assert_eq!(v3_base_score("CVSS:3.1/AV:N/AC:L"), None);
        assert_eq!(v3_base_score("AV:N/AC:L/Au:N/C:P/I:P/A:P"), None);
        assert_eq!(
            v3_base_score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
            None
        );
    }
}
