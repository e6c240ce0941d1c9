//! Telling real hard-coded values from everything that merely sits where a secret could:
//! placeholders (`changeme`, `${VAR}`, `{{ .Values.x }}`), environment lookups, test values,
//! identifiers, paths, URLs, UUIDs and prose. Rules opt in with `filter: <name>`.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// A named filter a rule can ask for with `filter: <name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueFilter {
    /// The secret is a password inside a URL or connection string: reject placeholders.
    Password,
    /// `name = "value"` where the name says password: reject placeholders, references,
    /// prose and names that describe rather than hold a password (`password_field`).
    GenericPassword,
    /// `name = "value"` where the name says secret/token/api key: as above, and the value
    /// must look random (length, character classes, entropy).
    GenericSecret,
}

/// What a filter sees of one match.
pub(crate) struct FilterInput<'a> {
    /// The `name` capture group (the key or variable name), if the pattern has one.
    pub name: Option<&'a [u8]>,
    /// The `sep` capture group (`=`, `:`, `(`, ...), if the pattern has one.
    pub sep: Option<&'a [u8]>,
    pub secret: &'a [u8],
    /// The `user` capture group (the login next to a password in a URL), if any.
    pub user: Option<&'a [u8]>,
    /// Whether the value was written inside quotes.
    pub quoted: bool,
    pub path: &'a str,
}

impl ValueFilter {
    pub const NAMES: &'static [&'static str] = &["password", "generic-password", "generic-secret"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "password" => Some(ValueFilter::Password),
            "generic-password" => Some(ValueFilter::GenericPassword),
            "generic-secret" => Some(ValueFilter::GenericSecret),
            _ => None,
        }
    }

    pub fn accept(self, input: &FilterInput<'_>) -> bool {
        let Ok(value) = std::str::from_utf8(input.secret) else {
            return false;
        };
        match self {
            ValueFilter::Password => {
                // `guest:guest`, `postgres:postgres`: a default login, not a secret.
                let same_as_user = input.user == Some(input.secret);
                !is_placeholder(value) && value.len() >= 3 && !same_as_user
            }
            ValueFilter::GenericPassword => {
                // Over 100 characters it is ciphertext (SealedSecrets, SOPS, Ansible Vault)
                // or a key, not a password someone typed.
                generic_context_ok(input)
                    && value_is_literal(value)
                    && (4..=100).contains(&value.len())
                    && !is_snake_case_words(value)
                    && !names_a_key(input.name)
            }
            ValueFilter::GenericSecret => {
                generic_context_ok(input) && value_is_literal(value) && looks_random(value)
            }
        }
    }
}

/// Exact values (lower-cased) that are never a real credential.
#[rustfmt::skip]
const PLACEHOLDER_VALUES: &[&str] = &[
    "test", "testing", "tester", "password", "passwd", "pass", "pwd", "secret", "secrets",
    "foo", "bar", "baz", "foobar", "qux", "none", "null", "nil", "undefined", "true", "false",
    "yes", "no", "on", "off", "default", "string", "str", "text", "required", "optional",
    "hidden", "masked", "sensitive", "empty", "blank", "token", "key", "apikey", "api_key",
    "api-key", "value", "values", "abc", "abcd", "abc123", "123", "1234", "12345", "123456",
    "letmein", "admin", "root", "user", "username", "guest", "demo", "sample", "example",
    "dummy", "fake", "mock", "placeholder", "redacted", "removed", "unset", "unknown", "notset",
    "not-set", "not_set", "n/a", "na", "tbd", "todo", "fixme", "xxx", "secret_key", "secretkey",
    "mysecret", "mypassword", "yourpassword", "your_password", "password123", "pa55word",
    "s3cr3t", "hunter2", "qwerty", "access_token", "auth_token", "bearer", "basic", "oauth",
    "oauth2", "jwt", "client_secret", "private_key", "credentials", "credential", "env",
    "local", "dev", "development", "staging", "prod", "production", "encrypted", "sha256",
    "md5", "bcrypt", "plain", "plaintext", "auto", "random", "generated", "change", "update",
    "new", "old", "current", "confirm", "retype", "reset", "forgot", "login", "logout",
    "signin", "sign_in", "signup", "register", "foobared"
];

/// Substrings (lower-cased) that mark a template, a reference or a stand-in value.
#[rustfmt::skip]
const PLACEHOLDER_MARKERS: &[&str] = &[
    "${", "{{", "}}", "$(", "%(", "%{", "#{", "<%", "[[", "]]", "changeme", "change_me",
    "change-me", "changeit", "change_it", "replace", "your_", "your-", "yourpass", "yoursecret",
    "yourtoken", "yourkey", "example", "sample", "dummy", "placeholder", "redacted", "xxxx",
    "****", "....", "…", "process.env", "os.environ", "getenv", "environ[", "env(", "env.",
    "env:", "secret:", "vault:", "secretsmanager", "ssm:", "arn:aws", "enc[", "sops:", "insert",
    "enter_", "enter-", "_here", "-here", "here_", "<", ">", "fake", "mock", "not_a_", "not-a-",
    "notreal", "not_real", "invalid", "todo", "fixme", "tbd", "lorem"
];

fn placeholder_values() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PLACEHOLDER_VALUES.iter().copied().collect())
}

/// All markers in one automaton: a candidate is checked against them in one pass.
fn placeholder_markers() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    // Building fails only for pattern sets too large for memory; these are a few dozen
    // constants, checked by the tests.
    AC.get_or_init(|| AhoCorasick::new(PLACEHOLDER_MARKERS).expect("placeholder markers build"))
}

/// Whether `value` is a template, reference, stand-in or well-known test value.
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    if placeholder_values().contains(lower.as_str()) {
        return true;
    }
    if placeholder_markers().is_match(&lower) {
        return true;
    }
    // `$VAR`, `$2b$...` (a bcrypt hash is not the password), `%VAR%`, `@var`.
    if v.starts_with('$') || (v.starts_with('%') && v.ends_with('%')) || v.starts_with('@') {
        return true;
    }
    // `%s`, `%v`, `{}`, `{0}`, `:password` (a bind parameter), `?`.
    if matches!(v, "%s" | "%v" | "%d" | "{}" | "?") || v.starts_with(':') {
        return true;
    }
    if (v.starts_with('{') && v.ends_with('}')) || (v.starts_with('[') && v.ends_with(']')) {
        return true;
    }
    // `xxxxxx`, `******`, `000000`, `------`: one character repeated.
    let first = lower.as_bytes()[0];
    if lower.bytes().all(|b| b == first) {
        return true;
    }
    // `secret123`, `password1`, `admin2024!`: a stand-in word with a number on it. Spelled
    // with the usual substitutions too (`P@ssw0rd123!`, `S3cr3t`): the word is what
    // everyone types first, not a secret.
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == '!');
    if stem.len() < lower.len() && PLACEHOLDER_VALUES.contains(&stem) {
        return true;
    }
    let plain: String = stem
        .chars()
        .map(|c| match c {
            '@' | '4' => 'a',
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '$' | '5' => 's',
            '7' => 't',
            c => c,
        })
        .collect();
    if plain != stem && placeholder_values().contains(plain.as_str()) {
        return true;
    }
    // `test123`, `testpassword`, `dummy-token`.
    [
        "test",
        "dummy",
        "fake",
        "mock",
        "sample",
        "example",
        "placeholder",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Key names that describe a password or token rather than hold one.
#[rustfmt::skip]
const DESCRIPTIVE_NAME_PARTS: &[&str] = &[
    "field", "label", "prompt", "placeholder", "message", "msg", "hint", "url", "uri",
    "endpoint", "path", "file", "dir", "env", "name", "type", "length", "len", "min", "max",
    "policy", "regex", "pattern", "format", "hash", "digest", "salt", "expir", "ttl", "timeout",
    "count", "column", "header", "param", "input", "class", "style", "icon", "title", "text",
    "description", "desc", "help", "error", "invalid", "required", "enabled", "enable",
    "disable", "visible", "mode", "method", "provider", "kind", "version", "index", "size",
    "limit", "rule", "validat", "strength", "char", "prefix", "suffix", "separator", "mask",
    "flag", "keyid", "key_id", "tokenizer", "ref", "selector", "location", "reset", "forgot",
    "changed", "change", "update", "expire", "rotation", "age", "history", "lifetime", "level",
    "scope", "audience", "issuer", "algorithm", "alg", "id_", "_id", "lock", "attempt", "retry",
    "output", "variable", "var", "arn", "secretname", "pagination", "paging", "page", "next",
    "continuation", "client_token", "idempotency", "cursor", "marker", "request", "sync",
    "etag", "nonce", "csrf", "xsrf", "resume", "state", "trace", "correlation", "sku", "creation", "existing", "lexer",
    "parser", "last", "date", "time", "rotated", "created", "updated", "used", "status"
];

fn generic_context_ok(input: &FilterInput<'_>) -> bool {
    let name = input
        .name
        .map(|n| String::from_utf8_lossy(n).to_ascii_lowercase())
        .unwrap_or_default();
    // Normalise `camelCase`, `kebab-case` and `dotted.names` so `passwordField`,
    // `password-field` and `password.field` all read as `password_field`.
    let normalised: String = {
        let raw = input.name.map(String::from_utf8_lossy).unwrap_or_default();
        let mut s = String::new();
        let mut prev_lower = false;
        for c in raw.chars() {
            if c.is_ascii_uppercase() && prev_lower {
                s.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            s.push(match c {
                '-' | '.' => '_',
                c => c.to_ascii_lowercase(),
            });
        }
        s
    };
    let segments: Vec<&str> = normalised.split('_').filter(|s| !s.is_empty()).collect();
    if DESCRIPTIVE_NAME_PARTS.iter().any(|p| {
        if p.contains('_') {
            normalised.contains(p) || segments.contains(&p.trim_matches('_'))
        } else {
            segments
                .iter()
                .any(|seg| seg == p || (p.len() >= 5 && seg.contains(p)))
        }
    }) {
        return false;
    }
    // `setPassword("...")` passes a literal; `getPassword("key")`, `hash_password("x")`
    // and `check_password("x")` only name one.
    let last = name.rsplit('.').next().unwrap_or(&name);
    if input.sep == Some(b"(") && !(last.starts_with("set") || last.starts_with("with")) {
        return false;
    }
    // An unquoted value in source code is an identifier or an expression, not a literal;
    // in config files (.env, YAML, .properties, INI, shell) it is the value itself.
    if !input.quoted && is_code_file(input.path) {
        return false;
    }
    // The value restates the name: `password: password`, `PASSWORD=PASSWORD`.
    let value = String::from_utf8_lossy(input.secret).to_ascii_lowercase();
    let squash = |s: &str| s.replace(['_', '-', '.'], "");
    if !name.is_empty() && squash(&value) == squash(&name) {
        return false;
    }
    true
}

fn is_code_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let Some((_, ext)) = file.rsplit_once('.') else {
        return false;
    };
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "py" | "js"
            | "jsx"
            | "mjs"
            | "cjs"
            | "ts"
            | "tsx"
            | "java"
            | "kt"
            | "kts"
            | "scala"
            | "go"
            | "rs"
            | "rb"
            | "php"
            | "cs"
            | "vb"
            | "fs"
            | "c"
            | "h"
            | "cc"
            | "cpp"
            | "hpp"
            | "cxx"
            | "m"
            | "mm"
            | "swift"
            | "dart"
            | "lua"
            | "pl"
            | "pm"
            | "r"
            | "jl"
            | "ex"
            | "exs"
            | "erl"
            | "clj"
            | "groovy"
            | "vue"
            | "svelte"
            | "sql"
    )
}

/// A value that is written out literally: not a placeholder, reference, path, URL, UUID,
/// identifier or sentence.
fn value_is_literal(value: &str) -> bool {
    if is_placeholder(value) {
        return false;
    }
    let v = value.trim();
    // Prose, prompts and lists: `Enter your password`, `a b c`.
    if v.contains(char::is_whitespace) || v.ends_with(':') || v.ends_with('?') {
        return false;
    }
    // Function calls and indexing: `get_secret()`, `config['pw']`.
    if v.contains('(') || v.contains('[') {
        return false;
    }
    // Paths and URLs without credentials (those with credentials have their own rules).
    if v.starts_with('/')
        || v.starts_with("./")
        || v.starts_with("../")
        || v.starts_with("~/")
        || v.contains("://")
        || (v.len() > 2 && v.as_bytes()[1] == b':' && v.as_bytes()[2] == b'\\')
    {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if [
        ".pem",
        ".key",
        ".crt",
        ".cer",
        ".json",
        ".txt",
        ".yml",
        ".yaml",
        ".p12",
        ".pfx",
        ".jks",
        ".env",
        ".cfg",
        ".conf",
        ".ini",
        ".properties",
        ".gpg",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
    {
        return false;
    }
    // Keys that are public or only work in a provider's test mode.
    if ["sk_test_", "pk_test_", "rk_test_", "pk_live_", "pk.ey"]
        .iter()
        .any(|p| v.starts_with(p))
    {
        return false;
    }
    if is_uuid(v) || is_timestamp(v) || is_scheme_hash(v) {
        return false;
    }
    // `DB_PASSWORD`: the name of an environment variable, not its value.
    if is_env_var_name(v) {
        return false;
    }
    // `config.password`, `self.api_key`, `settings.SECRET`: a dotted reference.
    if is_dotted_identifier(v) {
        return false;
    }
    // `Password`, `Passwort`, `Contraseña`: a capitalised word is a UI string.
    if v.chars().next().is_some_and(char::is_uppercase) && v.chars().skip(1).all(char::is_lowercase)
    {
        return false;
    }
    // Short all-digit values are ports, lengths and counters.
    if v.len() < 6 && v.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    true
}

/// `passwordKey`, `db_password_key`: the key under which a password is stored elsewhere
/// (a Kubernetes Secret, a vault path), whose value is that key's name.
fn names_a_key(name: Option<&[u8]>) -> bool {
    name.is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        n.ends_with(b"key") || n.ends_with(b"keyname") || n.ends_with(b"keyref")
    })
}

/// `must_be_eight_characters`, `base64_encoded_password`: an identifier or a description
/// written where a value goes, not a password.
fn is_snake_case_words(v: &str) -> bool {
    let parts: Vec<&str> = v.split('_').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `{SSHA}W6ph…`, `{CRYPT}$6$…`, `{bcrypt}$2a$…`: a password hash tagged with its scheme
/// (RFC 2307, Dovecot, Spring Security), which is not the password. `{noop}` and `{plain}`
/// tag the password itself.
fn is_scheme_hash(v: &str) -> bool {
    let Some(rest) = v.strip_prefix('{') else {
        return false;
    };
    let Some((scheme, value)) = rest.split_once('}') else {
        return false;
    };
    !value.is_empty()
        && (2..=20).contains(&scheme.len())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !matches!(
            scheme.to_ascii_lowercase().as_str(),
            "noop" | "plain" | "clear" | "cleartext"
        )
}

fn is_uuid(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `2016-10-26`, `2016-10-26T13:14:37+00:00`.
fn is_timestamp(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

fn is_env_var_name(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 3
        && b[0].is_ascii_uppercase()
        && b.contains(&b'_')
        && b.iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
}

/// `config.password`, `Settings.DbPassword`: segments that are identifiers. A segment with
/// a digit between letters (`M0nday.M0rning`) is someone's password, not a name in code.
fn is_dotted_identifier(v: &str) -> bool {
    v.contains('.')
        && v.split('.').all(|part| {
            let mut chars = part.chars();
            let identifier = chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
            let leet = part.as_bytes().windows(3).any(|w| {
                w[0].is_ascii_alphabetic() && w[1].is_ascii_digit() && w[2].is_ascii_alphabetic()
            });
            identifier && !leet
        })
}

/// Whether a value reads as a random key rather than a word, name or sentence.
fn looks_random(v: &str) -> bool {
    if v.len() < 12 || v.len() > 512 {
        return false;
    }
    let b = v.as_bytes();
    let has_digit = b.iter().any(u8::is_ascii_digit);
    let has_lower = b.iter().any(u8::is_ascii_lowercase);
    let has_upper = b.iter().any(u8::is_ascii_uppercase);
    let letters = has_lower || has_upper;
    // Real keys almost always mix digits and letters; long mixed-case ones may not.
    if !(has_digit && letters || (has_lower && has_upper && v.len() >= 24)) {
        return false;
    }
    // `my_secret_key_2`, `api-token-v2`, `owner/repo#assets/credentials`: mostly lowercase
    // words joined by separators. A random part among them (`django-insecure-<random>`)
    // keeps it a secret.
    const SEPARATORS: [char; 6] = ['_', '-', '.', '/', '#', ':'];
    let (words, word_bytes) = v
        .split(SEPARATORS)
        .filter(|w| w.len() >= 2 && w.bytes().all(|c| c.is_ascii_lowercase()))
        .fold((0, 0), |(n, len), w| (n + 1, len + w.len()));
    if words >= 2 && !has_upper && word_bytes * 10 >= v.len() * 6 {
        return false;
    }
    crate::validate::shannon_entropy(b) >= 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(name: &'a str, secret: &'a str, quoted: bool, path: &'a str) -> FilterInput<'a> {
        FilterInput {
            name: Some(name.as_bytes()),
            sep: Some(b"="),
            secret: secret.as_bytes(),
            user: None,
            quoted,
            path,
        }
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "changeme",
            "<password>",
            "xxx",
            "***",
            "${DB_PASSWORD}",
            "$DB_PASS",
            "%(pw)s",
            "{{ .Values.password }}",
            "",
            "test",
            "password",
            "example",
            "dummy",
            "foo",
            "your-api-key-here",
            "%DB_PASS%",
            "P@ssw0rd123!",
            "S3cr3t",
            "Adm1n2024",
        ] {
            assert!(is_placeholder(p), "{p:?} should be a placeholder");
        }
        for real in ["Tr0ub4dor&3", "k8Vq2nW7zLp0", "s3cr3tP@ss!"] {
            assert!(
                !is_placeholder(real),
                "{real:?} should not be a placeholder"
            );
        }
    }

    #[test]
    fn generic_password_context() {
        let f = ValueFilter::GenericPassword;
        assert!(f.accept(&input("db_password", "Xk9#mQ2!", true, "app.py")));
        assert!(!f.accept(&input("password_field", "Xk9#mQ2!", true, "app.py")));
        assert!(!f.accept(&input("passwordField", "Xk9#mQ2!", true, "app.py")));
        assert!(!f.accept(&input("password", "get_password", false, "app.py")));
        assert!(f.accept(&input("password", "Xk9mQ2wz", false, "config.yml")));
        assert!(!f.accept(&input("password", "DB_PASSWORD", true, "app.py")));
        assert!(!f.accept(&input("password", "Enter your password", true, "app.py")));
        assert!(!f.accept(&input("password", "settings.db_password", true, "app.py")));
        assert!(f.accept(&input("password", "M0nday.M0rning", true, "vars.yml")));
        assert!(!f.accept(&input(
            "rootpw",
            "{SSHA}W6ph5Mm5Pz8GgiU",
            false,
            "slapd.conf"
        )));
        assert!(f.accept(&input("password", "{noop}Tr0ub4dor3", true, "app.yml")));
    }

    #[test]
    fn generic_secret_needs_randomness() {
        let f = ValueFilter::GenericSecret;
        assert!(f.accept(&input("api_key", "a8f3k2m9x7q1w5e6r4t0", true, "app.py")));
        assert!(!f.accept(&input("api_key", "my_api_key_value", true, "app.py")));
        assert!(!f.accept(&input("api_key", "short1", true, "app.py")));
        assert!(!f.accept(&input(
            "token",
            "123e4567-e89b-12d3-a456-426614174000",
            true,
            "app.py"
        )));
    }
}
