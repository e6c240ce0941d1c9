//! CIDR arithmetic for the `net.*` builtins IaC policies need and regorus does not ship:
//! `net.cidr_intersects` and `net.cidr_overlap` (OPA's deprecated name for
//! `net.cidr_contains`), registered on every engine as extensions. `net.cidr_contains`
//! and `net.cidr_is_valid` are regorus's own (its `net` feature), so the interpreter and
//! the compiled virtual machine, which cannot call extensions, answer them alike.

use std::net::IpAddr;

use regorus::Value;

/// An address block: the network bits, the prefix length and the address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The address as a 128-bit number (IPv4 in the low 32 bits).
    bits: u128,
    /// Prefix length in bits.
    prefix: u8,
    /// 32 for IPv4, 128 for IPv6.
    width: u8,
}

impl Cidr {
    /// Parse `10.0.0.0/8`, `::/0`, or a bare address (a /32 or /128).
    pub fn parse(text: &str) -> Option<Cidr> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let (bits, width) = match addr.parse::<IpAddr>().ok()? {
            IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32u8),
            IpAddr::V6(v6) => (u128::from(v6), 128u8),
        };
        let prefix = prefix.unwrap_or(width);
        if prefix > width {
            return None;
        }
        Some(Cidr {
            bits,
            prefix,
            width,
        })
    }

    /// The mask selecting the first `len` bits of an address of this family.
    fn mask(&self, len: u8) -> u128 {
        if len == 0 {
            return 0;
        }
        let all = if self.width == 32 {
            u128::from(u32::MAX)
        } else {
            u128::MAX
        };
        let host_bits = u32::from(self.width - len);
        (all >> host_bits) << host_bits
    }

    /// Whether the two blocks share at least one address.
    pub fn intersects(&self, other: &Cidr) -> bool {
        if self.width != other.width {
            return false;
        }
        let m = self.mask(self.prefix.min(other.prefix));
        self.bits & m == other.bits & m
    }

    /// Whether every address of `other` is inside this block.
    pub fn contains(&self, other: &Cidr) -> bool {
        if self.width != other.width || other.prefix < self.prefix {
            return false;
        }
        let m = self.mask(self.prefix);
        self.bits & m == other.bits & m
    }
}

fn cidr_arg(args: &[Value], i: usize, name: &str) -> anyhow::Result<Cidr> {
    let s = args
        .get(i)
        .and_then(|v| v.as_string().ok())
        .ok_or_else(|| anyhow::anyhow!("{name}: argument {} must be a string", i + 1))?;
    Cidr::parse(s).ok_or_else(|| anyhow::anyhow!("{name}: `{s}` is not a CIDR or IP address"))
}

/// Register the CIDR builtins on `engine`.
pub fn register(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    engine.add_extension(
        "net.cidr_intersects".into(),
        2,
        Box::new(|args: Vec<Value>| {
            let a = cidr_arg(&args, 0, "net.cidr_intersects")?;
            let b = cidr_arg(&args, 1, "net.cidr_intersects")?;
            Ok(Value::Bool(a.intersects(&b)))
        }),
    )?;
    // OPA's deprecated name for `net.cidr_contains`, still found in older policies.
    engine.add_extension(
        "net.cidr_overlap".into(),
        2,
        Box::new(|args: Vec<Value>| {
            let a = cidr_arg(&args, 0, "net.cidr_overlap")?;
            let b = cidr_arg(&args, 1, "net.cidr_overlap")?;
            Ok(Value::Bool(a.contains(&b)))
        }),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cidr {
        Cidr::parse(s).unwrap()
    }

    #[test]
    fn intersection_and_containment() {
        assert!(c("0.0.0.0/0").intersects(&c("10.1.2.3/32")));
        assert!(c("10.0.0.0/8").intersects(&c("10.20.0.0/16")));
        assert!(c("10.20.0.0/16").intersects(&c("10.0.0.0/8")));
        assert!(!c("10.0.0.0/8").intersects(&c("192.168.0.0/16")));
        assert!(c("10.0.0.0/8").contains(&c("10.1.0.0/16")));
        assert!(!c("10.1.0.0/16").contains(&c("10.0.0.0/8")));
        assert!(c("::/0").intersects(&c("2001:db8::/32")));
        assert!(!c("::/0").intersects(&c("0.0.0.0/0")));
        assert!(c("192.168.1.0/24").contains(&c("192.168.1.77")));
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert!(Cidr::parse("nope/8").is_none());
    }

    #[test]
    fn builtins_answer_in_rego() {
        let mut engine = regorus::Engine::new();
        register(&mut engine).unwrap();
        engine
            .add_policy(
                "t.rego".into(),
                r#"package t
a := net.cidr_intersects("0.0.0.0/0", "10.0.0.0/8")
b := net.cidr_intersects("10.0.0.0/8", "172.16.0.0/12")
c := net.cidr_contains("10.0.0.0/8", "10.3.4.5")
d := net.cidr_overlap("10.0.0.0/8", "11.3.4.5")
e := net.cidr_is_valid("10.0.0.0/8")
"#
                .into(),
            )
            .unwrap();
        let got: Vec<bool> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|r| engine.eval_rule(format!("data.t.{r}")).unwrap() == Value::Bool(true))
            .collect();
        assert_eq!(got, [true, false, true, false, true]);
    }
}
