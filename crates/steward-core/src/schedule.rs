//! When monitor probes run: five-field cron expressions (`*/15 * * * *`, `0 6 * * 1-5`,
//! `30 2 1,15 * *`), the `@hourly`/`@daily`/`@weekly`/`@monthly` shorthands, and
//! `@every 90s|5m|2h|1d` intervals. Times are UTC.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Datelike, Duration as ChronoDuration, Timelike, Utc};

/// A parsed schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    Cron(Box<Cron>),
    Every(Duration),
}

/// The five cron fields as sets of allowed values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    minutes: [bool; 60],
    hours: [bool; 24],
    days: [bool; 32],
    months: [bool; 13],
    weekdays: [bool; 7],
    /// Both day fields restricted: cron matches either (the classic rule).
    day_or: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleError(pub String);

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScheduleError {}

fn err(s: impl Into<String>) -> ScheduleError {
    ScheduleError(s.into())
}

/// Parse one cron field into `out` (indices `min..=max`).
fn field(
    text: &str,
    min: u32,
    max: u32,
    names: &[&str],
    out: &mut [bool],
) -> Result<(), ScheduleError> {
    let value = |s: &str| -> Result<u32, ScheduleError> {
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(s)) {
            return Ok(i as u32 + min);
        }
        let v: u32 = s
            .parse()
            .map_err(|_| err(format!("`{s}` is not a number")))?;
        // Sunday may be written 7.
        let v = if max == 6 && v == 7 { 0 } else { v };
        if v < min || v > max {
            return Err(err(format!("{v} is outside {min}-{max}")));
        }
        Ok(v)
    };
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s
                    .parse()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or_else(|| err(format!("`/{s}` needs a step of at least 1")))?;
                (r, step)
            }
            None => (part, 1),
        };
        let (lo, hi) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (value(a)?, value(b)?)
        } else {
            let v = value(range)?;
            (v, if step > 1 { max } else { v })
        };
        if lo > hi {
            return Err(err(format!("`{range}` runs backwards")));
        }
        let mut v = lo;
        while v <= hi {
            out[v as usize] = true;
            v += step;
        }
    }
    Ok(())
}

impl Schedule {
    pub fn parse(text: &str) -> Result<Schedule, ScheduleError> {
        let t = text.trim();
        if let Some(every) = t.strip_prefix("@every") {
            let every = every.trim();
            let (num, unit) = every.split_at(
                every
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(every.len()),
            );
            let n: u64 = num
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| err(format!("`@every {every}`: write a positive number and a unit, e.g. @every 30s, @every 5m")))?;
            let secs = match unit {
                "s" => n,
                "m" => n * 60,
                "h" => n * 3600,
                "d" => n * 86_400,
                _ => {
                    return Err(err(format!(
                        "`@every {every}`: the unit must be s, m, h or d"
                    )));
                }
            };
            return Ok(Schedule::Every(Duration::from_secs(secs)));
        }
        let expanded = match t {
            "@hourly" => "0 * * * *",
            "@daily" | "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            other => other,
        };
        let parts: Vec<&str> = expanded.split_whitespace().collect();
        if parts.len() != 5 {
            return Err(err(format!(
                "`{t}` is not a schedule: write five cron fields (minute hour day month weekday), e.g. \"*/15 * * * *\", or @hourly, @daily, @every 10m"
            )));
        }
        let mut c = Cron {
            minutes: [false; 60],
            hours: [false; 24],
            days: [false; 32],
            months: [false; 13],
            weekdays: [false; 7],
            day_or: parts[2] != "*" && parts[4] != "*",
        };
        let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        let name = ["minute", "hour", "day of month", "month", "day of week"];
        let results = [
            field(parts[0], 0, 59, &[], &mut c.minutes),
            field(parts[1], 0, 23, &[], &mut c.hours),
            field(parts[2], 1, 31, &[], &mut c.days),
            field(parts[3], 1, 12, &months, &mut c.months),
            field(parts[4], 0, 6, &days, &mut c.weekdays),
        ];
        for (i, r) in results.into_iter().enumerate() {
            r.map_err(|e| err(format!("`{t}`: {} field `{}`: {e}", name[i], parts[i])))?;
        }
        Ok(Schedule::Cron(Box::new(c)))
    }

    /// The first time strictly after `after` that the schedule fires (within about four
    /// years; `None` for a cron that never matches, like `0 0 31 2 *`).
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Schedule::Every(d) => Some(after + ChronoDuration::from_std(*d).ok()?),
            Schedule::Cron(c) => {
                let mut t = after.with_second(0)?.with_nanosecond(0)? + ChronoDuration::minutes(1);
                let limit = after + ChronoDuration::days(4 * 366);
                while t <= limit {
                    if !c.months[t.month() as usize] {
                        // Jump to the first day of next month.
                        let (y, m) = if t.month() == 12 {
                            (t.year() + 1, 1)
                        } else {
                            (t.year(), t.month() + 1)
                        };
                        t = t
                            .with_day(1)?
                            .with_hour(0)?
                            .with_minute(0)?
                            .with_year(y)?
                            .with_month(m)?;
                        continue;
                    }
                    let dom = c.days[t.day() as usize];
                    let dow = c.weekdays[t.weekday().num_days_from_sunday() as usize];
                    let day_ok = if c.day_or { dom || dow } else { dom && dow };
                    if !day_ok {
                        t = (t + ChronoDuration::days(1)).with_hour(0)?.with_minute(0)?;
                        continue;
                    }
                    if !c.hours[t.hour() as usize] {
                        t = (t + ChronoDuration::hours(1)).with_minute(0)?;
                        continue;
                    }
                    if !c.minutes[t.minute() as usize] {
                        t += ChronoDuration::minutes(1);
                        continue;
                    }
                    return Some(t);
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn next(expr: &str, after: &str) -> String {
        Schedule::parse(expr)
            .unwrap()
            .next_after(at(after))
            .unwrap()
            .to_rfc3339()
    }

    #[test]
    fn cron_expressions_fire_when_expected() {
        assert_eq!(
            next("*/15 * * * *", "2026-11-23T11:07:30Z"),
            "2026-11-23T11:15:00+00:00"
        );
        assert_eq!(
            next("0 6 * * 1-5", "2026-11-27T07:00:00Z"),
            "2026-11-30T06:00:00+00:00"
        ); // Fri -> Mon
        assert_eq!(
            next("30 2 1,15 * *", "2026-11-15T02:30:00Z"),
            "2026-12-01T02:30:00+00:00"
        );
        assert_eq!(
            next("0 0 1 jan *", "2026-11-23T00:00:00Z"),
            "2027-01-01T00:00:00+00:00"
        );
        assert_eq!(
            next("@hourly", "2026-12-31T23:59:00Z"),
            "2027-01-01T00:00:00+00:00"
        );
        assert_eq!(
            next("0 0 29 2 *", "2026-03-01T00:00:00Z"),
            "2028-02-29T00:00:00+00:00"
        );
        // Both day fields set: either matches (the 13th, or any Friday).
        assert_eq!(
            next("0 12 13 * fri", "2026-11-23T00:00:00Z"),
            "2026-11-27T12:00:00+00:00"
        );
        assert_eq!(
            next("0 0 * * 7", "2026-11-23T00:00:00Z"),
            "2026-11-29T00:00:00+00:00"
        );
        assert_eq!(
            next("@every 90s", "2026-11-23T00:00:00Z"),
            "2026-11-23T00:01:30+00:00"
        );
        assert!(
            Schedule::parse("0 0 31 2 *")
                .unwrap()
                .next_after(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap())
                .is_none()
        );
    }

    #[test]
    fn bad_schedules_say_what_is_wrong() {
        for (expr, want) in [
            ("* * * *", "five cron fields"),
            ("61 * * * *", "minute field"),
            ("*/0 * * * *", "step"),
            ("0 5-2 * * *", "backwards"),
            ("0 0 * * funday", "day of week"),
            ("@every 5", "unit"),
            ("@every -1m", "positive"),
        ] {
            let e = Schedule::parse(expr).unwrap_err().to_string();
            assert!(e.contains(want), "{expr}: {e}");
        }
    }
}
