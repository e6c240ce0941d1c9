//! Masking: a matched value is never shown in full. Each class keeps what a person needs
//! to recognise the value (a card's first and last four digits, an email's domain) and
//! hides the rest, keeping separators so the value's shape stays recognisable.

use crate::class::Class;

/// `value` with all but what its class may show replaced by `*`:
///
/// | class | shows | example |
/// |---|---|---|
/// | card number | first 4 and last 4 digits | `4111 **** **** 1111` |
/// | US SSN | last 4 | `***-**-6789` |
/// | IBAN | country, check digits, last 4 | `DE89 **** **** **** **30 00` |
/// | email | first character of the user, the domain | `j***@example.com` |
/// | phone | last 2 digits | `+** *** *** **34` |
/// | IP address | first octet or group | `203.***.***.***` |
/// | date of birth | the year | `**/**/1985` |
/// | national and health ids | last 4 (last 3 when 8 or fewer) | `*****567D` |
pub fn mask(class: Class, value: &str) -> String {
    match class {
        Class::CardNumber | Class::Iban => keep_alnum(value, 4, 4),
        Class::UsSsn => keep_alnum(value, 0, 4),
        Class::Email => mask_email(value),
        Class::Phone => keep_alnum(value, 0, 2),
        Class::IpAddress => mask_ip(value),
        Class::DateOfBirth => mask_date(value),
        _ => {
            let n = value.bytes().filter(u8::is_ascii_alphanumeric).count();
            keep_alnum(value, 0, if n >= 9 { 4 } else { 3 })
        }
    }
}

/// Replace every ASCII alphanumeric but the first `first` and the last `last` with `*`;
/// everything else (separators) is kept. A value too short to hide anything is fully
/// masked.
fn keep_alnum(value: &str, first: usize, last: usize) -> String {
    let n = value.chars().filter(char::is_ascii_alphanumeric).count();
    let (first, last) = if n <= first + last {
        (0, 0)
    } else {
        (first, last)
    };
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_ascii_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen <= first || seen > n - last {
                c
            } else {
                '*'
            }
        })
        .collect()
}

fn mask_email(value: &str) -> String {
    match value.rsplit_once('@') {
        Some((user, domain)) => {
            let first = user.chars().next().unwrap_or('*');
            format!("{first}***@{domain}")
        }
        None => "*".repeat(value.chars().count()),
    }
}

fn mask_ip(value: &str) -> String {
    let sep = if value.contains(':') { ':' } else { '.' };
    let mut parts = value.split(sep);
    let head = parts.next().unwrap_or("");
    let mut out = String::from(head);
    for p in parts {
        out.push(sep);
        // A fixed width, so the mask does not tell how many digits each part had.
        if !p.is_empty() {
            out.push_str(if sep == ':' { "****" } else { "***" });
        }
    }
    out
}

/// Hide day and month; a four-digit run is the year and is kept.
fn mask_date(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if run == 0 {
            let c = value[i..].chars().next().unwrap_or('?');
            out.push(c);
            i += c.len_utf8();
        } else {
            if run == 4 {
                out.push_str(&value[i..i + run]);
            } else {
                out.extend(std::iter::repeat_n('*', run));
            }
            i += run;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_separators_and_only_what_the_class_allows() {
        assert_eq!(
            mask(Class::CardNumber, "4111 1111 1111 1111"),
            "4111 **** **** 1111"
        );
        assert_eq!(
            mask(Class::CardNumber, "4111-1111-1111-1111"),
            "4111-****-****-1111"
        );
        assert_eq!(
            mask(Class::CardNumber, "4111111111111111"),
            "4111********1111"
        );
        assert_eq!(mask(Class::UsSsn, "123-45-6789"), "***-**-6789");
        assert_eq!(
            mask(Class::Email, "jane.doe@example.com"),
            "j***@example.com"
        );
        assert_eq!(mask(Class::SgNric, "S1234567D"), "*****567D");
        assert_eq!(mask(Class::ArDni, "12.345.678"), "**.***.678");
        assert_eq!(mask(Class::IpAddress, "203.0.113.9"), "203.***.***.***");
        assert_eq!(mask(Class::DateOfBirth, "14/02/1985"), "**/**/1985");
        assert_eq!(mask(Class::Phone, "+44 20 7946 0958"), "+** ** **** **58");
        assert_eq!(mask(Class::UsSsn, "1234"), "****");
    }
}
