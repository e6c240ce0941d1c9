//! The languages and frameworks a repository is written in, for `steward init` to propose:
//! languages from the source files collected (by extension, most files first), frameworks
//! from the dependency manifests that name them (requirements files, pyproject.toml,
//! package.json, pom.xml, Gradle builds, go.mod, composer.json, Gemfile, Cargo.toml, .NET
//! project files). Only declared dependencies count: a framework mentioned in a comment or a
//! README is not one the product uses.

use std::collections::{BTreeMap, BTreeSet};

use steward_core::collect::Collected;

/// A language, with how many files are written in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub name: &'static str,
    pub files: usize,
}

/// A framework and the manifest (relative path) that declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    pub name: &'static str,
    pub declared_in: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stack {
    /// Most files first.
    pub languages: Vec<Language>,
    /// In the order found, each once.
    pub frameworks: Vec<Framework>,
}

const LANGUAGES: &[(&str, &[&str])] = &[
    ("python", &["py", "pyw"]),
    ("javascript", &["js", "mjs", "cjs", "jsx"]),
    ("typescript", &["ts", "tsx", "mts", "cts"]),
    ("java", &["java"]),
    ("kotlin", &["kt", "kts"]),
    ("scala", &["scala"]),
    ("go", &["go"]),
    ("c", &["c"]),
    ("c++", &["cc", "cpp", "cxx", "hpp", "hh", "hxx"]),
    ("c#", &["cs"]),
    ("php", &["php", "phtml"]),
    ("ruby", &["rb"]),
    ("rust", &["rs"]),
    ("swift", &["swift"]),
];

/// Which ecosystem a manifest file belongs to, by its name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ecosystem {
    Python,
    Npm,
    Maven,
    Gradle,
    Go,
    Composer,
    Ruby,
    Cargo,
    DotNet,
}

fn ecosystem(file_name: &str) -> Option<Ecosystem> {
    let lower = file_name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "pyproject.toml" | "pipfile" | "setup.py" | "setup.cfg" => Ecosystem::Python,
        n if n.starts_with("requirements") && n.ends_with(".txt") => Ecosystem::Python,
        "package.json" => Ecosystem::Npm,
        "pom.xml" => Ecosystem::Maven,
        "build.gradle" | "build.gradle.kts" => Ecosystem::Gradle,
        "go.mod" => Ecosystem::Go,
        "composer.json" => Ecosystem::Composer,
        "gemfile" => Ecosystem::Ruby,
        "cargo.toml" => Ecosystem::Cargo,
        n if n.ends_with(".csproj") || n.ends_with(".fsproj") => Ecosystem::DotNet,
        _ => return None,
    })
}

/// (framework, the dependency names that mean it) per ecosystem. A name ending in `/` or `-`
/// is a prefix of the dependency name (`@nestjs/`, `symfony/`).
const FRAMEWORKS: &[(Ecosystem, &str, &[&str])] = &[
    (Ecosystem::Python, "django", &["django"]),
    (Ecosystem::Python, "flask", &["flask"]),
    (Ecosystem::Python, "fastapi", &["fastapi"]),
    (Ecosystem::Python, "starlette", &["starlette"]),
    (Ecosystem::Python, "tornado", &["tornado"]),
    (Ecosystem::Python, "aiohttp", &["aiohttp"]),
    (Ecosystem::Python, "pyramid", &["pyramid"]),
    (Ecosystem::Python, "bottle", &["bottle"]),
    (Ecosystem::Npm, "express", &["express"]),
    (Ecosystem::Npm, "koa", &["koa"]),
    (Ecosystem::Npm, "fastify", &["fastify"]),
    (Ecosystem::Npm, "hapi", &["@hapi/hapi", "hapi"]),
    (Ecosystem::Npm, "nestjs", &["@nestjs/core"]),
    (Ecosystem::Npm, "next.js", &["next"]),
    (Ecosystem::Npm, "nuxt", &["nuxt"]),
    (Ecosystem::Npm, "react", &["react"]),
    (Ecosystem::Npm, "vue", &["vue"]),
    (Ecosystem::Npm, "angular", &["@angular/core"]),
    (Ecosystem::Npm, "svelte", &["svelte"]),
    (
        Ecosystem::Maven,
        "spring",
        &[
            "spring-boot-starter-web",
            "spring-boot-starter",
            "spring-webmvc",
            "spring-webflux",
        ],
    ),
    (
        Ecosystem::Maven,
        "quarkus",
        &["quarkus-core", "quarkus-resteasy"],
    ),
    (Ecosystem::Maven, "micronaut", &["micronaut-http-server"]),
    (
        Ecosystem::Maven,
        "servlet",
        &["javax.servlet-api", "jakarta.servlet-api"],
    ),
    (Ecosystem::Maven, "struts", &["struts2-core"]),
    (
        Ecosystem::Gradle,
        "spring",
        &["spring-boot-starter", "spring-webmvc"],
    ),
    (Ecosystem::Gradle, "quarkus", &["quarkus-"]),
    (Ecosystem::Gradle, "micronaut", &["micronaut-"]),
    (Ecosystem::Gradle, "ktor", &["ktor-server-"]),
    (Ecosystem::Go, "gin", &["github.com/gin-gonic/gin"]),
    (Ecosystem::Go, "echo", &["github.com/labstack/echo"]),
    (Ecosystem::Go, "fiber", &["github.com/gofiber/fiber"]),
    (Ecosystem::Go, "gorilla/mux", &["github.com/gorilla/mux"]),
    (Ecosystem::Go, "chi", &["github.com/go-chi/chi"]),
    (Ecosystem::Composer, "laravel", &["laravel/framework"]),
    (Ecosystem::Composer, "symfony", &["symfony/"]),
    (Ecosystem::Composer, "slim", &["slim/slim"]),
    (Ecosystem::Composer, "cakephp", &["cakephp/cakephp"]),
    (Ecosystem::Ruby, "rails", &["rails"]),
    (Ecosystem::Ruby, "sinatra", &["sinatra"]),
    (Ecosystem::Cargo, "actix-web", &["actix-web"]),
    (Ecosystem::Cargo, "axum", &["axum"]),
    (Ecosystem::Cargo, "rocket", &["rocket"]),
    (Ecosystem::Cargo, "warp", &["warp"]),
    (Ecosystem::DotNet, "asp.net core", &["microsoft.aspnetcore"]),
];

fn name_matches(pattern: &str, dep: &str) -> bool {
    let dep = dep.to_ascii_lowercase();
    if pattern.ends_with('/') || pattern.ends_with('-') {
        dep.starts_with(pattern)
    } else if pattern == "github.com/labstack/echo" || pattern == "github.com/go-chi/chi" {
        // Major versions live in the path: `/v4`, `/v5`.
        dep == pattern || dep.starts_with(&format!("{pattern}/v"))
    } else if pattern == "microsoft.aspnetcore" {
        dep.starts_with(pattern)
    } else {
        dep == pattern
    }
}

/// The dependency names a manifest declares. Reading is forgiving: what cannot be parsed
/// yields no names rather than an error, since this only proposes.
fn dependency_names(eco: Ecosystem, text: &str) -> Vec<String> {
    match eco {
        Ecosystem::Npm | Ecosystem::Composer => {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
                return Vec::new();
            };
            let sections: &[&str] = if eco == Ecosystem::Npm {
                &["dependencies", "devDependencies", "peerDependencies"]
            } else {
                &["require", "require-dev"]
            };
            sections
                .iter()
                .filter_map(|s| v.get(*s).and_then(|d| d.as_object()))
                .flat_map(|d| d.keys().cloned())
                .collect()
        }
        Ecosystem::Python => {
            // requirements lines, and quoted PEP 508 strings or table keys in the others.
            let re = regex::Regex::new(
                r#"(?m)^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@,"']|$|\s*=)"#,
            )
            .expect("valid regex");
            let quoted = regex::Regex::new(
                r#"["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@]|["'])"#,
            )
            .expect("valid regex");
            re.captures_iter(text)
                .chain(quoted.captures_iter(text))
                .map(|c| c[1].to_ascii_lowercase().replace('_', "-"))
                .collect()
        }
        Ecosystem::Maven => {
            let re = regex::Regex::new(r"<artifactId>\s*([^<\s]+)\s*</artifactId>")
                .expect("valid regex");
            re.captures_iter(text).map(|c| c[1].to_string()).collect()
        }
        Ecosystem::Gradle => {
            // `group:artifact:version` coordinates in strings.
            let re =
                regex::Regex::new(r#"["']([A-Za-z0-9._-]+):([A-Za-z0-9._-]+)(?::[^"']*)?["']"#)
                    .expect("valid regex");
            re.captures_iter(text).map(|c| c[2].to_string()).collect()
        }
        Ecosystem::Go => text
            .lines()
            .map(|l| l.trim().trim_start_matches("require").trim())
            .filter_map(|l| l.split_whitespace().next())
            .filter(|m| m.contains('/'))
            .map(str::to_string)
            .collect(),
        Ecosystem::Ruby => {
            let re = regex::Regex::new(r#"(?m)^\s*gem\s+["']([^"']+)["']"#).expect("valid regex");
            re.captures_iter(text).map(|c| c[1].to_string()).collect()
        }
        Ecosystem::Cargo => {
            let Ok(v) = text.parse::<toml::Table>() else {
                return Vec::new();
            };
            let mut names = Vec::new();
            let mut tables: Vec<&toml::Table> = vec![&v];
            if let Some(ws) = v.get("workspace").and_then(|w| w.as_table()) {
                tables.push(ws);
            }
            for t in tables {
                for section in ["dependencies", "dev-dependencies"] {
                    if let Some(d) = t.get(section).and_then(|d| d.as_table()) {
                        names.extend(d.keys().cloned());
                    }
                }
            }
            names
        }
        Ecosystem::DotNet => {
            let re = regex::Regex::new(r#"<PackageReference\s+Include\s*=\s*"([^"]+)""#)
                .expect("valid regex");
            let sdk = regex::Regex::new(r#"<Project\s+Sdk\s*=\s*"Microsoft\.NET\.Sdk\.Web""#)
                .expect("valid regex");
            let mut names: Vec<String> = re.captures_iter(text).map(|c| c[1].to_string()).collect();
            if sdk.is_match(text) {
                names.push("microsoft.aspnetcore".into());
            }
            names
        }
    }
}

/// What the collected tree is written in and with.
pub fn detect(tree: &Collected) -> Stack {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut frameworks: Vec<Framework> = Vec::new();
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    let mut manifests: Vec<(&str, Ecosystem, &std::path::Path)> = Vec::new();
    for f in &tree.files {
        let name = f.rel_path.rsplit('/').next().unwrap_or(&f.rel_path);
        if let Some(ext) = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
            && let Some((lang, _)) = LANGUAGES
                .iter()
                .find(|(_, exts)| exts.contains(&ext.as_str()))
        {
            *counts.entry(lang).or_default() += 1;
        }
        if let Some(eco) = ecosystem(name) {
            manifests.push((&f.rel_path, eco, &f.path));
        }
    }
    // Shallow manifests first, so the top-level one names a framework.
    manifests.sort_by_key(|(rel, _, _)| (rel.matches('/').count(), rel.to_string()));
    for (rel, eco, path) in manifests {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let deps = dependency_names(eco, &text);
        for (e, framework, names) in FRAMEWORKS {
            if *e != eco || seen.contains(framework) {
                continue;
            }
            if deps
                .iter()
                .any(|d| names.iter().any(|n| name_matches(n, d)))
            {
                seen.insert(framework);
                frameworks.push(Framework {
                    name: framework,
                    declared_in: rel.to_string(),
                });
            }
        }
    }
    let mut languages: Vec<Language> = counts
        .into_iter()
        .map(|(name, files)| Language { name, files })
        .collect();
    languages.sort_by(|a, b| b.files.cmp(&a.files).then(a.name.cmp(b.name)));
    Stack {
        languages,
        frameworks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> (tempfile::TempDir, Collected) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let c = steward_core::collect::collect(dir.path(), &Default::default()).unwrap();
        (dir, c)
    }

    #[test]
    fn languages_by_file_count_and_frameworks_from_manifests() {
        let (_d, c) = tree(&[
            ("app/a.py", ""),
            ("app/b.py", ""),
            ("web/src/index.ts", ""),
            ("web/src/app.tsx", ""),
            ("web/src/x.js", ""),
            (
                "requirements.txt",
                "Flask==3.0.0\nrequests>=2\n# django is not used\n",
            ),
            (
                "web/package.json",
                r#"{"dependencies": {"express": "^4"}, "devDependencies": {"@nestjs/core": "10"}}"#,
            ),
            ("README.md", "Built with Django and Spring.\n"),
        ]);
        let s = detect(&c);
        let langs: Vec<(&str, usize)> = s.languages.iter().map(|l| (l.name, l.files)).collect();
        assert_eq!(langs, [("python", 2), ("typescript", 2), ("javascript", 1)]);
        let fw: Vec<(&str, &str)> = s
            .frameworks
            .iter()
            .map(|f| (f.name, f.declared_in.as_str()))
            .collect();
        assert_eq!(
            fw,
            [
                ("flask", "requirements.txt"),
                ("express", "web/package.json"),
                ("nestjs", "web/package.json")
            ]
        );
    }

    #[test]
    fn every_ecosystem_names_its_frameworks() {
        let (_d, c) = tree(&[
            (
                "pyproject.toml",
                "[project]\ndependencies = [\"fastapi[all]>=0.110\", \"uvicorn\"]\n",
            ),
            (
                "svc/pom.xml",
                "<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>",
            ),
            (
                "api/go.mod",
                "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/labstack/echo/v4 v4.11.0\n)\n",
            ),
            (
                "php/composer.json",
                r#"{"require": {"laravel/framework": "^11"}}"#,
            ),
            (
                "rb/Gemfile",
                "source 'https://example.invalid'\ngem 'rails', '~> 7.1'\n",
            ),
            (
                "rs/Cargo.toml",
                "[package]\nname = \"x\"\n\n[dependencies]\naxum = \"0.7\"\n",
            ),
            (
                "net/Api.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>",
            ),
            (
                "kt/build.gradle.kts",
                "dependencies { implementation(\"io.ktor:ktor-server-core:2.3.0\") }",
            ),
        ]);
        let names: Vec<&str> = detect(&c).frameworks.iter().map(|f| f.name).collect();
        for want in [
            "fastapi",
            "spring",
            "gin",
            "echo",
            "laravel",
            "rails",
            "axum",
            "asp.net core",
            "ktor",
        ] {
            assert!(names.contains(&want), "{want} missing from {names:?}");
        }
        assert!(!names.contains(&"flask"), "{names:?}");
    }

    #[test]
    fn broken_manifests_propose_nothing_and_do_not_fail() {
        let (_d, c) = tree(&[("package.json", "{ not json"), ("Cargo.toml", "[[[")]);
        assert!(detect(&c).frameworks.is_empty());
    }
}
