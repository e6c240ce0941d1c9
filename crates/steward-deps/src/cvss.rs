//! CVSS v3.0/v3.1 base scores computed from the vector string, as the FIRST specification
//! defines them (section 7 formulas, with 3.1's `Roundup`).

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
    fn incomplete_or_other_vectors_have_no_score() {
        assert_eq!(v3_base_score("CVSS:3.1/AV:N/AC:L"), None);
        assert_eq!(v3_base_score("AV:N/AC:L/Au:N/C:P/I:P/A:P"), None);
        assert_eq!(
            v3_base_score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
            None
        );
    }
}
