//! Check-digit and structure validators, one per identifier. Each takes the identifier's
//! significant characters (digits and letters, separators already removed, letters
//! upper-cased) and says whether it is well formed; none allocates.

/// Luhn (mod 10) over ASCII digits: card numbers, Swedish personnummer.
pub fn luhn(digits: &[u8]) -> bool {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in digits.iter().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

fn digit(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0'))
}

fn number(digits: &[u8]) -> u64 {
    digits
        .iter()
        .fold(0u64, |n, &b| n * 10 + u64::from(b.wrapping_sub(b'0')))
}

/// A card issuer, from the leading digits and the length (ISO/IEC 7812 IIN ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardIssuer {
    Visa,
    Mastercard,
    Amex,
    Discover,
    Jcb,
    Diners,
    UnionPay,
    Maestro,
}

impl CardIssuer {
    pub fn name(self) -> &'static str {
        match self {
            CardIssuer::Visa => "visa",
            CardIssuer::Mastercard => "mastercard",
            CardIssuer::Amex => "amex",
            CardIssuer::Discover => "discover",
            CardIssuer::Jcb => "jcb",
            CardIssuer::Diners => "diners",
            CardIssuer::UnionPay => "unionpay",
            CardIssuer::Maestro => "maestro",
        }
    }
}

/// The issuer whose range and length `digits` fits, or `None`.
pub fn card_issuer(digits: &[u8]) -> Option<CardIssuer> {
    let len = digits.len();
    if !(13..=19).contains(&len) || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let p6 = number(&digits[..6]);
    let (p1, p2, p3, p4) = (p6 / 100_000, p6 / 10_000, p6 / 1_000, p6 / 100);
    if p1 == 4 && matches!(len, 13 | 16 | 19) {
        return Some(CardIssuer::Visa);
    }
    if ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && len == 16 {
        return Some(CardIssuer::Mastercard);
    }
    if (p2 == 34 || p2 == 37) && len == 15 {
        return Some(CardIssuer::Amex);
    }
    if (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 || (622126..=622925).contains(&p6))
        && (16..=19).contains(&len)
    {
        return Some(CardIssuer::Discover);
    }
    if (3528..=3589).contains(&p4) && (16..=19).contains(&len) {
        return Some(CardIssuer::Jcb);
    }
    if ((300..=305).contains(&p3) || p2 == 36 || p2 == 38 || p2 == 39) && (14..=19).contains(&len) {
        return Some(CardIssuer::Diners);
    }
    if p2 == 62 && (16..=19).contains(&len) {
        return Some(CardIssuer::UnionPay);
    }
    if matches!(
        p4,
        5018 | 5020 | 5038 | 5893 | 6304 | 6759 | 6761 | 6762 | 6763
    ) {
        return Some(CardIssuer::Maestro);
    }
    None
}

/// Published test card numbers (payment processors' sandboxes): flagged with a
/// `test_card` property and low confidence, since they are not anyone's card.
pub const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "4012888888881881",
    "4222222222222",
    "4000056655665556",
    "4000000000000002",
    "4000000000000077",
    "4000000000009995",
    "5555555555554444",
    "5105105105105100",
    "5200828282828210",
    "2223003122003222",
    "2223000048400011",
    "378282246310005",
    "371449635398431",
    "378734493671000",
    "6011111111111117",
    "6011000990139424",
    "6011000400000000",
    "3530111333300000",
    "3566002020360505",
    "3566111111111113",
    "30569309025904",
    "38520000023237",
    "36227206271667",
    "6200000000000005",
    "6759649826438453",
];

pub fn is_test_card(digits: &[u8]) -> bool {
    TEST_CARDS.iter().any(|t| t.as_bytes() == digits)
}

/// US Social Security number (9 digits): no area 000, 666 or 900-999, no group 00, no
/// serial 0000, and not one of the numbers the SSA voided after they were published.
pub fn us_ssn(d: &[u8]) -> bool {
    if d.len() != 9 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let area = number(&d[..3]);
    let group = number(&d[3..5]);
    let serial = number(&d[5..]);
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return false;
    }
    // Woolworth's wallet card and the 1962 SSA pamphlet: printed, then voided.
    d != b"078051120" && d != b"219099999"
}

/// IBAN lengths by country (ISO 13616 registry).
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NL", 18),
    (b"NO", 15),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"SA", 24),
    (b"SC", 31),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
];

/// The registered IBAN length for a country code.
pub fn iban_length(country: &[u8]) -> Option<usize> {
    IBAN_LENGTHS
        .iter()
        .find(|(c, _)| c.as_slice() == country)
        .map(|&(_, n)| n)
}

/// IBAN (upper-case, no spaces): the country's length and ISO 7064 mod 97-10 == 1.
pub fn iban(s: &[u8]) -> bool {
    if s.len() < 15 || s.len() > 34 {
        return false;
    }
    if !s[..2].iter().all(u8::is_ascii_uppercase) || !s[2..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if iban_length(&s[..2]) != Some(s.len()) {
        return false;
    }
    let mut rem = 0u32;
    for &b in s[4..].iter().chain(&s[..4]) {
        match b {
            b'0'..=b'9' => rem = (rem * 10 + digit(b)) % 97,
            b'A'..=b'Z' => rem = (rem * 100 + u32::from(b - b'A') + 10) % 97,
            _ => return false,
        }
    }
    rem == 1
}

/// Singapore NRIC/FIN: prefix S, T (citizens and PRs), F, G, M (foreigners), 7 digits and
/// a check letter from the weighted sum (weights 2,7,6,5,4,3,2; offset 4 for T and G, 3 for
/// M) mod 11.
pub fn sg_nric(s: &[u8]) -> bool {
    if s.len() != 9 || !s[1..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    const WEIGHTS: [u32; 7] = [2, 7, 6, 5, 4, 3, 2];
    let mut sum: u32 = s[1..8]
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| digit(b) * w)
        .sum();
    let table: &[u8; 11] = match s[0] {
        b'S' => b"JZIHGFEDCBA",
        b'T' => {
            sum += 4;
            b"JZIHGFEDCBA"
        }
        b'F' => b"XWUTRQPNMLK",
        b'G' => {
            sum += 4;
            b"XWUTRQPNMLK"
        }
        b'M' => {
            sum += 3;
            b"XWUTRQPNJLK"
        }
        _ => return false,
    };
    table[(sum % 11) as usize] == s[8]
}

/// Argentina CUIT/CUIL (11 digits): a known type prefix and a mod-11 check digit with
/// weights 5,4,3,2,7,6,5,4,3,2. A remainder giving 10 is never issued (AFIP changes the
/// prefix to 23/33 instead), so it is invalid here.
pub fn ar_cuit(d: &[u8]) -> bool {
    if d.len() != 11 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !matches!(number(&d[..2]), 20 | 23 | 24 | 27 | 30 | 33 | 34) {
        return false;
    }
    const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let sum: u32 = d[..10]
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| digit(b) * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digit(d[10])
}

const ES_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish DNI: 8 digits and the letter at index (number mod 23).
pub fn es_dni(s: &[u8]) -> bool {
    s.len() == 9
        && s[..8].iter().all(u8::is_ascii_digit)
        && ES_LETTERS[(number(&s[..8]) % 23) as usize] == s[8]
}

/// Spanish NIE: X, Y or Z (read as 0, 1, 2), 7 digits, and the DNI letter of that number.
pub fn es_nie(s: &[u8]) -> bool {
    if s.len() != 9 || !s[1..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let lead = match s[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return false,
    };
    let n = lead * 10_000_000 + number(&s[1..8]);
    ES_LETTERS[(n % 23) as usize] == s[8]
}

/// Italian codice fiscale (16 characters): the shape (6 letters, year, month letter, day,
/// municipality, with omocodia letters allowed in the digit places) and the check letter.
pub fn it_codice_fiscale(s: &[u8]) -> bool {
    if s.len() != 16 || !s.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let omocodic = |b: u8| b.is_ascii_digit() || b"LMNPQRSTUV".contains(&b);
    let shape_ok = s[..6].iter().all(u8::is_ascii_uppercase)
        && omocodic(s[6])
        && omocodic(s[7])
        && b"ABCDEHLMPRST".contains(&s[8])
        && omocodic(s[9])
        && omocodic(s[10])
        && s[11].is_ascii_uppercase()
        && s[12..15].iter().all(|&b| omocodic(b))
        && s[15].is_ascii_uppercase();
    if !shape_ok {
        return false;
    }
    // Value of a character at an odd (1-based) position, for digits 0-9 and letters A-Z.
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let mut sum = 0;
    for (i, &b) in s[..15].iter().enumerate() {
        let idx = if b.is_ascii_digit() {
            b - b'0'
        } else {
            b - b'A'
        } as usize;
        sum += if i % 2 == 0 { ODD[idx] } else { idx as u32 };
    }
    s[15] == b'A' + (sum % 26) as u8
}

/// Dutch BSN (9 digits, or 8 with an implied leading zero): the "11-test", weights
/// 9..2 and -1 for the last digit.
pub fn nl_bsn(d: &[u8]) -> bool {
    if !(8..=9).contains(&d.len()) || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = d.len();
    let mut sum: i64 = 0;
    for (i, &b) in d.iter().enumerate() {
        let weight = if i == n - 1 { -1 } else { (n - i) as i64 };
        sum += weight * i64::from(digit(b));
    }
    sum != 0 && sum % 11 == 0 && number(d) != 0
}

fn valid_date(year: u32, month: u32, day: u32) -> bool {
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

/// Belgian national register number (11 digits: YYMMDD, serial, 2 check digits): the check
/// is 97 - (first 9 digits mod 97), with a leading 2 for people born from 2000. Month and
/// day may be 0 (unknown birth date) or shifted for BIS numbers, so only the ranges are
/// checked.
pub fn be_national_number(d: &[u8]) -> bool {
    if d.len() != 11 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let month = number(&d[2..4]);
    let day = number(&d[4..6]);
    let month_ok = month <= 12 || (20..=32).contains(&month) || (40..=52).contains(&month);
    if !month_ok || day > 31 {
        return false;
    }
    let base = number(&d[..9]);
    let check = number(&d[9..]);
    97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check
}

/// Polish PESEL (11 digits): a valid birth date (the month carries the century) and the
/// check digit with weights 1,3,7,9,1,3,7,9,1,3.
pub fn pl_pesel(d: &[u8]) -> bool {
    if d.len() != 11 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let yy = number(&d[..2]) as u32;
    let mm = number(&d[2..4]) as u32;
    let dd = number(&d[4..6]) as u32;
    let (century, month) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        81..=92 => (1800, mm - 80),
        _ => return false,
    };
    if !valid_date(century + yy, month, dd) {
        return false;
    }
    const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = d[..10]
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| digit(b) * w)
        .sum();
    (10 - sum % 10) % 10 == digit(d[10])
}

/// Swedish personnummer or samordningsnummer, as 10 digits (YYMMDDNNNC) or 12
/// (YYYYMMDDNNNC): a valid date (day + 60 for a samordningsnummer) and Luhn over the 10.
pub fn se_personnummer(d: &[u8]) -> bool {
    let ten = match d.len() {
        10 => d,
        12 if matches!(&d[..2], b"18" | b"19" | b"20") => &d[2..],
        _ => return false,
    };
    if !ten.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let month = number(&ten[2..4]) as u32;
    let mut day = number(&ten[4..6]) as u32;
    if day > 60 {
        day -= 60;
    }
    // Leap years cannot be told from two digits; 2000 is leap, so Feb 29 passes.
    valid_date(2000 + number(&ten[..2]) as u32, month, day) && luhn(ten)
}

/// Finnish henkilötunnus (DDMMYY C ZZZ Q): a valid date, a century sign, individual number
/// 002-899 and the check character at index (DDMMYYZZZ mod 31).
pub fn fi_hetu(s: &[u8]) -> bool {
    if s.len() != 11 {
        return false;
    }
    if !s[..6].iter().all(u8::is_ascii_digit) || !s[7..10].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let century = match s[6] {
        b'+' => 1800,
        b'-' | b'U' | b'V' | b'W' | b'X' | b'Y' => 1900,
        b'A' | b'B' | b'C' | b'D' | b'E' | b'F' => 2000,
        _ => return false,
    };
    let day = number(&s[..2]) as u32;
    let month = number(&s[2..4]) as u32;
    let year = century + number(&s[4..6]) as u32;
    if !valid_date(year, month, day) {
        return false;
    }
    let individual = number(&s[7..10]);
    if !(2..=899).contains(&individual) {
        return false;
    }
    const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let n = number(&s[..6]) * 1000 + individual;
    CHECK[(n % 31) as usize] == s[10]
}

/// UK NHS number (10 digits): weights 10..2 over the first nine, 11 - (sum mod 11) is the
/// check digit (11 means 0; 10 is never issued).
pub fn uk_nhs(d: &[u8]) -> bool {
    if d.len() != 10 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, &b)| digit(b) * (10 - i as u32))
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digit(d[9]) && d.iter().any(|&b| b != d[0])
}

/// US Medicare Beneficiary Identifier (11 characters, no check digit): the CMS format
/// C A AN N A AN N A A N N, where letters exclude S, L, O, I, B and Z.
pub fn us_mbi(s: &[u8]) -> bool {
    if s.len() != 11 {
        return false;
    }
    let alpha = |b: u8| b.is_ascii_uppercase() && !b"SLOIBZ".contains(&b);
    let num = |b: u8| b.is_ascii_digit();
    let alnum = |b: u8| alpha(b) || num(b);
    (b'1'..=b'9').contains(&s[0])
        && alpha(s[1])
        && alnum(s[2])
        && num(s[3])
        && alpha(s[4])
        && alnum(s[5])
        && num(s[6])
        && alpha(s[7])
        && alpha(s[8])
        && num(s[9])
        && num(s[10])
}

/// A calendar date, for dates of birth: `year` 1900-2099.
pub fn birth_date(year: u32, month: u32, day: u32) -> bool {
    (1900..=2099).contains(&year) && valid_date(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends the Luhn check digit to `body`.
    fn with_luhn(body: &str) -> String {
        (0..10)
            .map(|c| format!("{body}{c}"))
            .find(|s| luhn(s.as_bytes()))
            .unwrap()
    }

    #[test]
    fn luhn_and_issuers() {
        assert!(luhn(b"4111111111111111"));
        assert!(!luhn(b"4111111111111112"));
        assert!(!luhn(b""));
        let visa = with_luhn("453201511283036");
        assert_eq!(card_issuer(visa.as_bytes()), Some(CardIssuer::Visa));
        let mc2 = with_luhn("222100000000001");
        assert_eq!(card_issuer(mc2.as_bytes()), Some(CardIssuer::Mastercard));
        let amex = with_luhn("37144963539843");
        assert_eq!(card_issuer(amex.as_bytes()), Some(CardIssuer::Amex));
        assert_eq!(
            card_issuer(with_luhn("352800000000000").as_bytes()),
            Some(CardIssuer::Jcb)
        );
        assert_eq!(
            card_issuer(with_luhn("6221260000000000").as_bytes()),
            Some(CardIssuer::Discover)
        );
        assert_eq!(
            card_issuer(with_luhn("620000000000000").as_bytes()),
            Some(CardIssuer::UnionPay)
        );
        assert_eq!(
            card_issuer(with_luhn("3056930902590").as_bytes()),
            Some(CardIssuer::Diners)
        );
        assert_eq!(
            card_issuer(with_luhn("675964982643845").as_bytes()),
            Some(CardIssuer::Maestro)
        );
        // An ISBN-13 prefix and a Visa of the wrong length are no card.
        assert_eq!(card_issuer(b"9783161484100"), None);
        assert_eq!(card_issuer(b"41111111111111"), None);
        for t in TEST_CARDS {
            assert!(luhn(t.as_bytes()), "{t}");
            assert!(card_issuer(t.as_bytes()).is_some(), "{t}");
        }
    }

    #[test]
    fn ssn_ranges() {
        assert!(us_ssn(b"123456789"));
        assert!(us_ssn(b"899991234"));
        for bad in [
            "000123456",
            "666123456",
            "900123456",
            "999123456",
            "123006789",
            "123450000",
            "078051120",
            "12345678",
        ] {
            assert!(!us_ssn(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn iban_mod97() {
        // Check digits computed for a made-up German bank code and account.
        assert!(iban(b"DE89370400440532013000"));
        assert!(iban(b"GB82WEST12345698765432"));
        assert!(!iban(b"DE89370400440532013001"));
        assert!(!iban(b"DE8937040044053201300")); // a digit short for DE
        assert!(!iban(b"XX89370400440532013000"));
    }

    #[test]
    fn nric_letters() {
        // S1234567: 2*1+7*2+6*3+5*4+4*5+3*6+2*7 = 106; 106 % 11 = 7 -> D.
        assert!(sg_nric(b"S1234567D"));
        assert!(!sg_nric(b"S1234567A"));
        // T: 106 + 4 = 110, 110 % 11 = 0 -> J.
        assert!(sg_nric(b"T1234567J"));
        // F: 7 -> N; G: 0 -> X; M: 109 % 11 = 10 -> K.
        assert!(sg_nric(b"F1234567N"));
        assert!(sg_nric(b"G1234567X"));
        assert!(sg_nric(b"M1234567K"));
        assert!(!sg_nric(b"A1234567D"));
    }

    #[test]
    fn cuit_mod11() {
        // 20-12345678-?: 5*2+4*0+3*1+2*2+7*3+6*4+5*5+4*6+3*7+2*8 = 148; 148 % 11 = 5 -> 6.
        assert!(ar_cuit(b"20123456786"));
        assert!(!ar_cuit(b"20123456787"));
        assert!(!ar_cuit(b"21123456786")); // unknown prefix
    }

    #[test]
    fn spanish_letters() {
        // 12345678 % 23 = 14 -> Z.
        assert!(es_dni(b"12345678Z"));
        assert!(!es_dni(b"12345678A"));
        // X1234567 -> 01234567 % 23 = 19 -> L.
        assert!(es_nie(b"X1234567L"));
        assert!(!es_nie(b"X1234567A"));
    }

    #[test]
    fn codice_fiscale_check() {
        // RSSMRA85T10A562 -> S (computed with the odd/even tables).
        assert!(it_codice_fiscale(b"RSSMRA85T10A562S"));
        assert!(!it_codice_fiscale(b"RSSMRA85T10A562T"));
        assert!(!it_codice_fiscale(b"RSSMRA85Z10A562S"));
    }

    #[test]
    fn bsn_eleven_test() {
        // 11111111-? : 9+8+7+6+5+4+3+2 = 44 = 0 mod 11 -> last 0.
        assert!(nl_bsn(b"111111110"));
        assert!(nl_bsn(b"123456782"));
        assert!(!nl_bsn(b"123456789"));
        assert!(!nl_bsn(b"000000000"));
    }

    #[test]
    fn belgian_mod97() {
        // 850730033: 97 - 850730033 % 97 = 28.
        assert!(be_national_number(b"85073003328"));
        assert!(!be_national_number(b"85073003329"));
        // Born in 2000s: 97 - 2010101001 % 97.
        let base = 2_010_101_001u64;
        let check = 97 - base % 97;
        assert!(be_national_number(
            format!("010101001{check:02}").as_bytes()
        ));
    }

    #[test]
    fn pesel_check() {
        // 44051401359 is the format's documentation example.
        assert!(pl_pesel(b"44051401359"));
        assert!(!pl_pesel(b"44051401358"));
        assert!(!pl_pesel(b"44133101350")); // month 13
        // 2000s: month + 20.
        assert!(pl_pesel(b"02270803624"));
    }

    #[test]
    fn personnummer_luhn() {
        assert!(se_personnummer(b"8112189876"));
        assert!(se_personnummer(b"198112189876"));
        assert!(!se_personnummer(b"8112189875"));
        assert!(!se_personnummer(b"8113189876")); // month 13
        // samordningsnummer: day + 60.
        assert!(se_personnummer(b"7010632391"));
    }

    #[test]
    fn hetu_check() {
        assert!(fi_hetu(b"131052-308T"));
        assert!(!fi_hetu(b"131052-308U"));
        assert!(fi_hetu(b"010101A123N"));
        assert!(!fi_hetu(b"310252-308T")); // Feb 31
    }

    #[test]
    fn nhs_mod11() {
        // 943476591: sum 299, 299 % 11 = 2, 11 - 2 = 9.
        assert!(uk_nhs(b"9434765919"));
        assert!(!uk_nhs(b"9434765918"));
        assert!(!uk_nhs(b"0000000000"));
    }

    #[test]
    fn mbi_format() {
        assert!(us_mbi(b"1EG4TE5MK73"));
        assert!(!us_mbi(b"1SG4TE5MK73")); // S is excluded
        assert!(!us_mbi(b"0EG4TE5MK73"));
    }
}
