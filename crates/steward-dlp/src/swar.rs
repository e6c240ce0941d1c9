//! Byte-class tests on eight bytes at once (SWAR: a `u64` as eight lanes), for the scans
//! that skip text looking for digits, word ends and word starts. Each mask has the high bit
//! of a lane set where the byte passes; bytes of 0x80 and above never pass.

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGHS: u64 = ONES * 0x80;

/// The eight bytes at `i` (the caller checks `i + 8 <= text.len()`).
#[inline]
pub(crate) fn load8(text: &[u8], i: usize) -> u64 {
    let mut chunk = [0u8; 8];
    chunk.copy_from_slice(&text[i..i + 8]);
    u64::from_le_bytes(chunk)
}

/// Lanes holding an ASCII digit. Each lane's arithmetic stays within its byte (no carry
/// or borrow crosses lanes), so the result is exact.
#[inline]
pub(crate) fn digits(x: u64) -> u64 {
    let low7 = x & (ONES * 0x7F);
    (ONES * (127 + 0x3A) - low7) & !x & (low7 + ONES * (127 - 0x2F)) & HIGHS
}

/// Lanes holding an ASCII letter, either case.
#[inline]
pub(crate) fn letters(x: u64) -> u64 {
    let low7 = (x | (ONES * 0x20)) & (ONES * 0x7F);
    (ONES * (127 + 0x7B) - low7) & !x & (low7 + ONES * (127 - 0x60)) & HIGHS
}

/// Lanes equal to `c`.
#[inline]
pub(crate) fn equal(x: u64, c: u8) -> u64 {
    let y = x ^ (ONES * u64::from(c));
    !(((y & (ONES * 0x7F)) + ONES * 0x7F) | y | (ONES * 0x7F))
}

/// A mask's lanes as one bit each: bit `k` set when lane `k`'s high bit is.
#[inline]
pub(crate) fn lane_bits(mask: u64) -> u64 {
    // Each lane's bit, moved to bit 8k, lands in bit 56 + k of the product; no two
    // partial products meet, so nothing carries.
    ((mask >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Index of the lane of the lowest set high bit in `mask` (non-zero).
#[inline]
pub(crate) fn first_lane(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lane_bits_gathers_every_pattern_of_high_bits() {
        for bits in 0..=255u64 {
            let mut mask = 0;
            for lane in 0..8 {
                if bits >> lane & 1 == 1 {
                    mask |= 0x80 << (8 * lane);
                }
            }
            assert_eq!(lane_bits(mask), bits);
        }
    }

    #[test]
    fn masks_agree_with_the_byte_tests_for_every_byte_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = [b'~'; 8];
                bytes[lane] = b;
                let x = u64::from_le_bytes(bytes);
                let bit = |m: u64| m >> (lane * 8 + 7) & 1 == 1;
                assert_eq!(bit(digits(x)), b.is_ascii_digit(), "digit {b:#x}");
                assert_eq!(bit(letters(x)), b.is_ascii_alphabetic(), "letter {b:#x}");
                for c in [b'=', b'~', 0, 0xFF, b'a'] {
                    assert_eq!(bit(equal(x, c)), b == c, "{b:#x} == {c:#x}");
                }
                assert_eq!(
                    lane_bits(digits(x)),
                    u64::from(b.is_ascii_digit()) << lane,
                    "lane bits {b:#x}"
                );
            }
        }
    }
}
