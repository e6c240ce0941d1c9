//! The command line: every phase of a product's life as a subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "steward",
    version,
    about = "Security for the whole life of a software product, with one evidence ledger",
    long_about = "steward carries a product's security from the first design review to the last \
destruction certificate: requirements and architecture review at the start; secrets, code, \
dependency and infrastructure scanning in the IDE, on commit and on merge; security controls \
verified as code; monitoring of live assets; and a verified sunset. Every check lands in one \
hash-chained evidence ledger.",
    after_help = "Exit codes: 0 clean or under the gate, 1 the gate failed, 2 usage or configuration error, 3 internal error."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Ledger to record into: a SQLite file path or a postgres:// URL [default: .steward/ledger.db in the project]
    #[arg(long, global = true, env = "STEWARD_STORE", value_name = "PATH|URL")]
    pub store: Option<String>,
    /// Do not record this run in the ledger
    #[arg(long, global = true)]
    pub no_ledger: bool,
    /// steward.toml to read [default: found in the target or its parents]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Json,
    Sarif,
    Junit,
    Markdown,
}

impl From<FormatArg> for steward_core::report::Format {
    fn from(f: FormatArg) -> Self {
        use steward_core::report::Format;
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Junit => Format::Junit,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

/// Output flags shared by every command that reports.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print nothing but errors (the report still goes to -o FILE, and the exit code still tells)
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateArg {
    Critical,
    High,
    Medium,
    Low,
    None,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Changed files only (against HEAD, plus untracked), the fast engines: for editors
    Ide,
    /// Staged changes as they are in the index: for the pre-commit hook
    Commit,
    /// The whole tree, every engine: for merge requests
    Merge,
    /// The whole tree, every engine, and the gate at its strictest configured level
    Release,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Beginning: describe the product (data, jurisdictions, components) and write steward.toml
    Init(InitArgs),
    /// Beginning: derive security requirements, review the architecture, print traceability
    Plan(PlanArgs),
    /// All phases: record that a person confirms a requirement is met, with evidence, until a date
    Attest(AttestArgs),
    /// Middle: scan a tree for secrets, code flaws, vulnerable dependencies and IaC misconfigurations
    Scan(ScanArgs),
    /// Middle: what a change brings (BASE..HEAD): new dependencies, sensitive code, new findings
    Review(ReviewArgs),
    /// Middle: dependencies and the software bill of materials
    Deps {
        #[command(subcommand)]
        command: DepsCommand,
    },
    /// Middle: the offline advisory database
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Middle: test Rego policies (your own, for `scan --policy DIR`)
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Middle: dynamic scan of a running web application
    Dast(crate::commands::dast::DastArgs),
    /// Operations: verify the security controls the product requires on a host or image
    Controls {
        #[command(subcommand)]
        command: ControlsCommand,
    },
    /// End: watch live assets for drift, exposure and misplaced data
    Monitor {
        #[command(subcommand)]
        command: MonitorCommand,
    },
    /// End: find card numbers, national IDs and other personal data in files, buckets, databases
    Dlp(DlpArgs),
    /// End: decommission with every asset accounted for and destruction proven
    Sunset {
        #[command(subcommand)]
        command: SunsetCommand,
    },
    /// All phases: posture across the product's life, from the ledger
    Report(ReportArgs),
    /// All phases: may the product move on? The phase's gate, from the ledger (exit 1 if not)
    Gate(crate::commands::gate::GateArgs),
    /// All phases: the hash-chained evidence ledger
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// All phases: the team server (HTTP API and dashboard over the ledger)
    Serve(NotYetArgs),
    /// The rules steward checks, with what each finds, why it matters and the fix
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Git hooks that run steward: `hook install` adds a pre-commit scan of staged changes
    Hook {
        #[command(subcommand)]
        command: HookCommand,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Arguments of a command whose engine is not built yet; accepted so the command can say so.
#[derive(Args, Debug)]
pub struct NotYetArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum HookCommand {
    /// Write a pre-commit hook that scans what is staged and blocks the commit on the gate
    Install {
        /// Replace a pre-commit hook that steward did not write
        #[arg(long)]
        force: bool,
        /// Repository to install into
        #[arg(default_value = ".")]
        repo: PathBuf,
    },
    /// Remove the pre-commit hook steward wrote
    Uninstall {
        #[arg(default_value = ".")]
        repo: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// The change: BASE..HEAD (a branch, tag or commit each), or BASE alone for BASE..HEAD
    pub range: String,
    /// Repository to review [default: the current directory]
    #[arg(long, default_value = ".")]
    pub repo: PathBuf,
    /// Engines whose new findings to report, comma-separated [default: every available one]
    #[arg(long, value_delimiter = ',', value_name = "ENGINES")]
    pub engines: Vec<String>,
    /// Fail (exit 1) on findings at or above this severity [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    /// Skip paths matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// A security reviewer's approval given outside the commits (e.g. the pull request's
    /// approvals); counts only for someone in steward.toml's [policy] security_reviewers
    /// (repeatable)
    #[arg(long, value_name = "NAME")]
    pub approved_by: Vec<String>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Subcommand, Debug)]
pub enum DepsCommand {
    /// Write a CycloneDX 1.5 SBOM of the project's dependencies (from its lockfiles)
    Sbom(SbomArgs),
}

#[derive(Args, Debug)]
pub struct SbomArgs {
    /// Directory to read lockfiles and manifests from
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Write the SBOM to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Skip paths matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Product name for the SBOM's root component [default: steward.toml's product.name, else the directory name]
    #[arg(long)]
    pub name: Option<String>,
    /// Product version for the SBOM's root component
    #[arg(long)]
    pub version: Option<String>,
    /// Leave out the timestamp, so the same lockfiles always give the same bytes
    #[arg(long)]
    pub reproducible: bool,
}

#[derive(Subcommand, Debug)]
pub enum PolicyCommand {
    /// Run the `test_*` rules of the Rego files under DIR, as `opa test` does
    Test(PolicyTestArgs),
}

#[derive(Args, Debug)]
pub struct PolicyTestArgs {
    /// Directory of policies and their `_test.rego` files
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Import advisories (OSV exports, RustSec, RubySec, FriendsOfPHP) into the local database
    Update(DbUpdateArgs),
    /// Show what the advisory database holds and where it came from
    Status(DbStatusArgs),
}

/// Where the advisory database is.
#[derive(Args, Debug, Clone, Default)]
pub struct DbArgs {
    /// Advisory database file [default: $XDG_CACHE_HOME/steward/advisories.db, else ~/.cache/steward/advisories.db]
    #[arg(long = "db", value_name = "FILE", env = "STEWARD_ADVISORY_DB")]
    pub db_file: Option<PathBuf>,
}

impl DbArgs {
    /// The database file to use.
    pub fn resolve(&self) -> PathBuf {
        self.db_file
            .clone()
            .unwrap_or_else(steward_deps::db::default_path)
    }
}

#[derive(Args, Debug)]
pub struct DbUpdateArgs {
    /// An advisory source: an OSV all.zip export, a directory or .tar.gz of OSV JSON, or a
    /// checkout or .tar.gz of the RustSec, ruby-advisory-db or FriendsOfPHP databases; or the
    /// http(s) URL of such an archive on a mirror (repeatable) [default: the sources the
    /// database was last built from]
    #[arg(long = "source", value_name = "PATH|URL")]
    pub sources: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DbStatusArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct MonitorRunArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Fail (exit 1) on findings at or above this severity [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Subcommand, Debug)]
pub enum ControlsCommand {
    /// Check the declared controls (steward.toml, --pack) on this host, an image root (--root) or an SSH host (--ssh)
    Verify(crate::commands::controls::VerifyArgs),
    /// Compare the last observed controls of two environments or hosts; exits 1 when they differ
    Diff(crate::commands::controls::DiffArgs),
    /// Export the declared controls as an Ansible playbook and role
    Export(crate::commands::controls::ExportArgs),
}

#[derive(Subcommand, Debug)]
pub enum MonitorCommand {
    /// Run every monitor probe once: exposure of the assets in steward.toml, and the SBOMs of earlier scans against today's advisories
    Run(MonitorRunArgs),
    /// Record what every probe observes now as the approved state; later runs report drift from it
    Baseline(MonitorBaselineArgs),
    /// The posture over time from the ledger: each asset's result now and how it changed, and the recorded runs
    Status(MonitorStatusArgs),
    /// Run the probes on the schedules in steward.toml's [monitor] section, announcing new and resolved findings (stdout JSON lines, webhooks) and serving /healthz and /metrics
    Daemon(crate::commands::monitor_daemon::DaemonArgs),
}

#[derive(Args, Debug)]
pub struct MonitorStatusArgs {
    /// Show at most the N latest runs
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Print JSON instead of tables
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct MonitorBaselineArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum SunsetCommand {
    /// Build the decommission inventory and checklist: every asset, key, credential and DNS name, with owner and method
    Plan(SunsetPlanArgs),
    /// Verify that every item is destroyed (buckets, databases, keys, data paths, DNS names); exits 1 until all are, in phase sunset
    Verify(SunsetVerifyArgs),
    /// Record that a person disposed of an item steward cannot check (a credential revoked, an archive made)
    Attest(SunsetAttestArgs),
    /// Issue signed certificates of sanitization (NIST SP 800-88), or check one with --verify
    Certificate(SunsetCertificateArgs),
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SunsetFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Args, Debug)]
pub struct SunsetPlanArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = SunsetFormat::Text)]
    pub format: SunsetFormat,
    /// Write the checklist to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SunsetVerifyArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// DNS resolver for the name checks: ADDRESS[:PORT] [default: the first nameserver of /etc/resolv.conf]
    #[arg(long, env = "STEWARD_DNS_RESOLVER", value_name = "ADDR")]
    pub resolver: Option<String>,
    /// An ssh option (as in ssh_config, KEY=VALUE) for data paths given as ssh://user@host/path; repeatable
    #[arg(long = "ssh-option", value_name = "KEY=VALUE")]
    pub ssh_options: Vec<String>,
    /// Fail (exit 1) on findings at or above this severity [default: steward.toml's policy.fail_on, else high]; in phase sunset every item must also be verified or attested
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct SunsetAttestArgs {
    /// The item, as `steward sunset plan` names it (e.g. credential:secrets/aws-access-key@.)
    pub item: String,
    /// Who attests: a name or an e-mail address
    #[arg(long, value_name = "NAME")]
    pub by: String,
    /// The evidence (revocation log, archive receipt, destruction record); its SHA-256 goes into the ledger
    #[arg(long, value_name = "FILE")]
    pub evidence: PathBuf,
    /// What was done, in a sentence
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Project directory
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackedUp {
    Yes,
    No,
    Unknown,
}

impl BackedUp {
    pub fn as_str(self) -> &'static str {
        match self {
            BackedUp::Yes => "yes",
            BackedUp::No => "no",
            BackedUp::Unknown => "unknown",
        }
    }
}

#[derive(Args, Debug)]
pub struct SunsetCertificateArgs {
    /// Items to certify, as `steward sunset plan` names them [default with --all: every verified or attested data-bearing item]
    #[arg(conflicts_with = "verify")]
    pub items: Vec<String>,
    /// Certify every item that is verified or attested
    #[arg(long, conflicts_with = "verify")]
    pub all: bool,
    /// Check a certificate (JSON or Markdown): its signature, and that the ledger holds it unchanged
    #[arg(long, value_name = "FILE")]
    pub verify: Option<PathBuf>,
    /// The person who performed the sanitization and signs
    #[arg(long, value_name = "NAME", required_unless_present = "verify")]
    pub by: Option<String>,
    /// Their title
    #[arg(long, default_value = "")]
    pub title: String,
    /// Their organization [default: steward.toml's product owner]
    #[arg(long)]
    pub organization: Option<String>,
    /// Their location
    #[arg(long, default_value = "")]
    pub location: String,
    /// Phone or e-mail
    #[arg(long, default_value = "")]
    pub contact: String,
    /// Where the media went after sanitization [default: by kind, e.g. "released to the cloud provider"]
    #[arg(long)]
    pub destination: Option<String>,
    /// Whether the data was backed up before sanitization
    #[arg(long, value_enum, default_value_t = BackedUp::Unknown)]
    pub backed_up: BackedUp,
    /// Where that backup is (its own sanitization is its own item)
    #[arg(long, default_value = "")]
    pub backup_location: String,
    /// A second person who validated the sanitization
    #[arg(long, value_name = "NAME", default_value = "")]
    pub validated_by: String,
    /// Ed25519 signing key (64 hex characters) [default: .steward/sunset-signing.key, created with mode 0600 on first use]
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Directory to write ITEM.json and ITEM.md into [default: sunset-certificates in the project]
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Project directory
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum LedgerCommand {
    /// List records, newest last
    List {
        /// Only records of this kind (scan, review, monitor, attest, ...)
        #[arg(long)]
        kind: Option<String>,
        /// At most N records (the newest)
        #[arg(long, short = 'n')]
        limit: Option<usize>,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Show one record in full
    Show {
        /// Record number
        seq: i64,
    },
    /// Check the hash chain: no record removed, altered or reordered
    Verify,
    /// Export every record
    Export {
        /// jsonl (one record a line) or json (one array)
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// List every rule
    List {
        /// Only rules whose id starts with this (e.g. secrets/)
        prefix: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// What a rule finds, why it matters, an example and the fix
    Show {
        /// Rule id, e.g. secrets/aws-access-key
        id: String,
    },
    /// Run the examples of every rule in a rule directory
    Test {
        /// Directory of rule files
        dir: PathBuf,
    },
    /// Write the Markdown rule reference (docs/rules/)
    #[command(hide = true)]
    Doc {
        /// Output directory
        #[arg(long, default_value = "docs/rules")]
        out: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// text, json or markdown
    #[arg(long, short = 'f', value_enum, default_value_t = PostureFormat::Text)]
    pub format: PostureFormat,
    /// Write to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostureFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args, Debug)]
pub struct DlpArgs {
    /// A directory, a file, s3://bucket/prefix, or a PostgreSQL database: postgres://user:password@host:port/db (add ?table=NAME, repeatable, for some tables only)
    pub target: String,
    /// For a database: read at most N rows of each table (default: every row)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub sample: Option<u64>,
    /// For s3://bucket/prefix: the S3-compatible endpoint [default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS]
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// For s3://: read at most N objects
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_objects: usize,
    /// Fail (exit 1) on findings at or above this severity [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    /// Skip paths matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Skip files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = 100 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Honour .gitignore (off by default: data directories are rarely git work trees)
    #[arg(long)]
    pub gitignore: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Project directory to describe
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Product name [default: the directory's name]
    #[arg(long)]
    pub name: Option<String>,
    /// Owning team
    #[arg(long)]
    pub owner: Option<String>,
    /// Lifecycle phase: design, build, operate, maintain, sunset [default: build]
    #[arg(long)]
    pub phase: Option<String>,
    /// Data classes it holds, comma-separated: cardholder, health, pii, credentials, financial, public
    #[arg(long, value_delimiter = ',')]
    pub data: Vec<String>,
    /// Where it runs or whose residents' data it holds: ISO country codes or EU, comma-separated
    #[arg(long = "jurisdiction", value_delimiter = ',')]
    pub jurisdictions: Vec<String>,
    /// Languages it is written in, comma-separated (instead of the ones found in the files)
    #[arg(long = "language", value_delimiter = ',')]
    pub languages: Vec<String>,
    /// Frameworks it is built on, comma-separated (instead of the ones its dependency manifests declare)
    #[arg(long = "framework", value_delimiter = ',')]
    pub frameworks: Vec<String>,
    /// A component: id=NAME,kind=KIND,zone=ZONE[,tech=T][,auth=A][,holds=CLASS+CLASS][,encrypted=true|false] (repeatable)
    #[arg(long = "component", value_name = "SPEC")]
    pub components: Vec<String>,
    /// An asset operations watches and sunset destroys: id=NAME,kind=KIND,location=URL[,holds=CLASS+CLASS] (repeatable)
    #[arg(long = "asset", value_name = "SPEC")]
    pub assets: Vec<String>,
    /// Gate level for scans
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    /// Do not propose components found in docker-compose, Kubernetes and Terraform files, nor
    /// the languages and frameworks found in the source and dependency files
    #[arg(long)]
    pub no_detect: bool,
    /// Ask nothing: take the flags and the proposals as they are
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Ask the questions even when standard input is not a terminal (answers piped in)
    #[arg(long, conflicts_with = "yes")]
    pub ask: bool,
    /// Replace an existing steward.toml
    #[arg(long)]
    pub force: bool,
    /// Print the manifest instead of writing it
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Directory or file to scan
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Engines to run, comma-separated [default: every engine that applies]
    #[arg(long, value_delimiter = ',', value_name = "ENGINES")]
    pub engines: Vec<String>,
    /// What to scan and how: ide, commit, merge, release [default: merge]
    #[arg(long, value_enum)]
    pub profile: Option<Profile>,
    /// Scan what is staged in the git index, as the pre-commit hook does (`--profile commit`)
    #[arg(long, conflicts_with_all = ["profile", "files", "history", "since"])]
    pub staged: bool,
    /// Fail (exit 1) on findings at or above this severity [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    /// Baseline file of accepted findings [default: .steward/baseline.json when it exists]
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Ignore any baseline
    #[arg(long, conflicts_with = "update_baseline")]
    pub no_baseline: bool,
    /// Write the current findings to the baseline file and exit 0
    #[arg(long)]
    pub update_baseline: bool,
    /// Skip paths matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also evaluate the Rego policies under DIR on IaC files (repeatable); Conftest-style `deny`, `warn` and `violation` rules work unchanged
    #[arg(long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,
    /// Largest file (or --history blob) the code, IaC and dependency engines read; larger ones are still scanned for secrets, piece by piece in bounded memory
    #[arg(long, value_name = "BYTES", default_value_t = steward_core::collect::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Scan files .gitignore excludes too
    #[arg(long)]
    pub no_gitignore: bool,
    /// Show secrets in full instead of redacted
    #[arg(long)]
    pub show_secrets: bool,
    /// Only these files (relative to PATH), for editors
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Scan every blob in the git history (all refs) for secrets instead of the working tree
    #[arg(long, conflicts_with_all = ["files", "profile", "no_gitignore"])]
    pub history: bool,
    #[command(flatten)]
    pub db: DbArgs,
    /// With --history: only what came in after this revision (a commit, tag or branch); implies --history
    #[arg(long, value_name = "REV", conflicts_with_all = ["files", "profile", "no_gitignore"])]
    pub since: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// Project directory (steward.toml is found there or in its parents)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Write to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Judge the evidence as of DATE (YYYY-MM-DD): later records are left out, and attestations that expire before it have lapsed [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Fail (exit 1) on architecture findings at or above this severity [default: steward.toml's policy.fail_on, else high]
    #[arg(long, value_enum)]
    pub fail_on: Option<GateArg>,
    /// Do not compare the declared architecture with the infrastructure code of the project
    #[arg(long)]
    pub no_reality: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    Text,
    Markdown,
    Json,
    /// An OSCAL 1.1 component-definition of the product's requirements and their status
    Oscal,
    /// An OSCAL 1.1 assessment-results document: each requirement's finding (satisfied or not)
    /// and the ledger records it rests on as observations
    #[value(name = "oscal-ar", alias = "oscal-assessment-results")]
    OscalAr,
    /// A self-contained HTML report: requirements by phase, compliance matrix, architecture findings, data-flow diagram
    Html,
    /// The data-flow diagram as Graphviz DOT
    Dot,
}

#[derive(Args, Debug)]
pub struct AttestArgs {
    /// The requirement, e.g. STW-SECRETS-004 (`steward plan` lists them)
    pub requirement: String,
    /// Who attests: a name or an e-mail address
    #[arg(long, value_name = "NAME")]
    pub by: String,
    /// The evidence (a review, a policy, a screenshot); its SHA-256 goes into the ledger
    #[arg(long, value_name = "FILE")]
    pub evidence: PathBuf,
    /// The last day the attestation holds (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub expires: String,
}
