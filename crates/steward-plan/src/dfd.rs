//! The data-flow diagram of the architecture steward.toml declares: components in their
//! trust zones, flows labelled with the data classes they carry, and unencrypted flows of
//! sensitive data in red. As Graphviz DOT, and as a self-contained SVG laid out here
//! (zones as columns, components as boxes, straight edges), for the HTML report.

use std::fmt::Write as _;

use steward_core::manifest::{ComponentKind, DataClass, Flow, Manifest, Zone};

const ZONES: [(Zone, &str); 4] = [
    (Zone::Internet, "internet"),
    (Zone::Dmz, "dmz"),
    (Zone::Internal, "internal"),
    (Zone::Restricted, "restricted"),
];

/// Names a flow may use for the outside world (they sit in the internet zone).
const EXTERNAL: &[&str] = &["internet", "user", "users", "partner"];

fn kind_name(k: ComponentKind) -> &'static str {
    match k {
        ComponentKind::Service => "service",
        ComponentKind::Database => "database",
        ComponentKind::Bucket => "bucket",
        ComponentKind::Queue => "queue",
        ComponentKind::Cache => "cache",
        ComponentKind::Gateway => "gateway",
        ComponentKind::Function => "function",
        ComponentKind::Host => "host",
    }
}

fn is_store(k: ComponentKind) -> bool {
    matches!(
        k,
        ComponentKind::Database
            | ComponentKind::Bucket
            | ComponentKind::Queue
            | ComponentKind::Cache
    )
}

fn sensitive(c: DataClass) -> bool {
    !matches!(c, DataClass::Public)
}

const CLEARTEXT: &[&str] = &[
    "http",
    "ftp",
    "telnet",
    "tftp",
    "ldap",
    "pop3",
    "imap",
    "snmp",
    "smtp",
    "amqp",
    "mqtt",
    "redis",
    "memcached",
];

/// Whether a flow carries sensitive data without encryption: declared `encrypted = false`
/// or over a clear-text protocol.
pub fn exposed(flow: &Flow) -> bool {
    let cleartext = flow
        .protocol
        .as_deref()
        .is_some_and(|p| CLEARTEXT.contains(&p.to_ascii_lowercase().as_str()));
    flow.data.iter().any(|c| sensitive(*c)) && (flow.encrypted == Some(false) || cleartext)
}

fn label(flow: &Flow) -> String {
    let mut parts: Vec<&str> = flow.data.iter().map(|c| c.as_str()).collect();
    if let Some(p) = &flow.protocol {
        parts.push(p);
    }
    if flow.encrypted == Some(false) {
        parts.push("unencrypted");
    }
    parts.join(", ")
}

/// A node of the diagram: a component or an external endpoint.
struct Node {
    id: String,
    caption: String,
    zone: usize,
    store: bool,
    external: bool,
}

fn nodes(manifest: &Manifest) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    for f in &manifest.flows {
        for end in [f.from.get_ref(), f.to.get_ref()] {
            if EXTERNAL.contains(&end.as_str()) && !out.iter().any(|n| &n.id == end) {
                out.push(Node {
                    id: end.clone(),
                    caption: "outside".into(),
                    zone: 0,
                    store: false,
                    external: true,
                });
            }
        }
    }
    for c in &manifest.components {
        let zone = ZONES.iter().position(|(z, _)| *z == c.zone).unwrap_or(2);
        let caption = match &c.tech {
            Some(t) => format!("{t} {}", kind_name(c.kind)),
            None => kind_name(c.kind).to_string(),
        };
        out.push(Node {
            id: c.id.get_ref().clone(),
            caption,
            zone,
            store: is_store(c.kind),
            external: false,
        });
    }
    out
}

fn dot_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The diagram as Graphviz DOT: one cluster per trust zone.
pub fn dot(manifest: &Manifest) -> String {
    let nodes = nodes(manifest);
    let mut s = String::new();
    let _ = writeln!(s, "digraph {} {{", dot_string(&manifest.product.name));
    let _ = writeln!(s, "  rankdir=LR;");
    let _ = writeln!(s, "  compound=true;");
    let _ = writeln!(
        s,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];"
    );
    let _ = writeln!(s, "  edge [fontname=\"Helvetica\", fontsize=10];");
    for (i, (_, zone)) in ZONES.iter().enumerate() {
        let members: Vec<&Node> = nodes.iter().filter(|n| n.zone == i).collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "  subgraph {} {{",
            dot_string(&format!("cluster_{zone}"))
        );
        let _ = writeln!(s, "    label={};", dot_string(&format!("{zone} zone")));
        let _ = writeln!(s, "    style=\"dashed,rounded\";");
        for n in members {
            let shape = if n.external {
                "ellipse"
            } else if n.store {
                "cylinder"
            } else {
                "box"
            };
            let _ = writeln!(
                s,
                "    {} [label={}, shape={shape}];",
                dot_string(&n.id),
                dot_string(&format!("{}\n{}", n.id, n.caption))
            );
        }
        let _ = writeln!(s, "  }}");
    }
    for f in &manifest.flows {
        let colour = if exposed(f) { "red" } else { "#555555" };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}, color={}, fontcolor={}{}];",
            dot_string(f.from.get_ref()),
            dot_string(f.to.get_ref()),
            dot_string(&label(f)),
            dot_string(colour),
            dot_string(colour),
            if exposed(f) { ", penwidth=2" } else { "" }
        );
    }
    let _ = writeln!(s, "}}");
    s
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const COL_W: f64 = 240.0;
const COL_GAP: f64 = 60.0;
const BOX_W: f64 = 180.0;
const BOX_H: f64 = 54.0;
const ROW_GAP: f64 = 46.0;
const TOP: f64 = 56.0;

/// The diagram as a standalone SVG document: the zones in use as columns from the
/// internet inwards, each component a box in its zone, each flow a straight arrow with its
/// data classes; unencrypted sensitive flows are red.
pub fn svg(manifest: &Manifest) -> String {
    let nodes = nodes(manifest);
    let used: Vec<usize> = (0..ZONES.len())
        .filter(|z| nodes.iter().any(|n| n.zone == *z))
        .collect();
    // Position of every node: (x, y) of its box's top-left corner.
    let mut place: Vec<(f64, f64)> = vec![(0.0, 0.0); nodes.len()];
    let mut rows = 1usize;
    for (col, z) in used.iter().enumerate() {
        let x = 20.0 + col as f64 * (COL_W + COL_GAP) + (COL_W - BOX_W) / 2.0;
        let mut row = 0usize;
        for (i, n) in nodes.iter().enumerate() {
            if n.zone == *z {
                place[i] = (x, TOP + 20.0 + row as f64 * (BOX_H + ROW_GAP));
                row += 1;
            }
        }
        rows = rows.max(row);
    }
    let width = 40.0 + used.len().max(1) as f64 * (COL_W + COL_GAP) - COL_GAP;
    let height = TOP + 40.0 + rows as f64 * (BOX_H + ROW_GAP);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="dfd" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="Data-flow diagram of {}">"##,
        xml(&manifest.product.name)
    );
    let _ = writeln!(
        s,
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker><marker id="arrow-red" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#c00"/></marker></defs>"##
    );
    for (col, z) in used.iter().enumerate() {
        let x = 20.0 + col as f64 * (COL_W + COL_GAP);
        let _ = writeln!(
            s,
            r##"<g class="zone"><rect x="{x:.0}" y="20" width="{COL_W:.0}" height="{:.0}" rx="10" fill="{}" stroke="#888" stroke-dasharray="6 4"/><text x="{:.0}" y="42" text-anchor="middle" font-weight="bold">{} zone</text></g>"##,
            height - 40.0,
            ["#fdecea", "#fff6e0", "#eef5ff", "#eaf7ec"][*z],
            x + COL_W / 2.0,
            ZONES[*z].1
        );
    }
    for f in &manifest.flows {
        let (Some(a), Some(b)) = (
            nodes.iter().position(|n| &n.id == f.from.get_ref()),
            nodes.iter().position(|n| &n.id == f.to.get_ref()),
        ) else {
            continue;
        };
        let ((ax, ay), (bx, by)) = (place[a], place[b]);
        // Leave from the side facing the target; same column: bottom to top.
        let (x1, y1, x2, y2) = if (ax - bx).abs() < 1.0 {
            if ay < by {
                (ax + BOX_W / 2.0, ay + BOX_H, bx + BOX_W / 2.0, by)
            } else {
                (ax + BOX_W / 2.0, ay, bx + BOX_W / 2.0, by + BOX_H)
            }
        } else if ax < bx {
            (ax + BOX_W, ay + BOX_H / 2.0, bx, by + BOX_H / 2.0)
        } else {
            (ax, ay + BOX_H / 2.0, bx + BOX_W, by + BOX_H / 2.0)
        };
        let red = exposed(f);
        let (stroke, marker, class) = if red {
            ("#c00", "arrow-red", "flow exposed")
        } else {
            ("#555", "arrow", "flow")
        };
        let _ = writeln!(
            s,
            r##"<g class="{class}"><line x1="{x1:.0}" y1="{y1:.0}" x2="{x2:.0}" y2="{y2:.0}" stroke="{stroke}" stroke-width="{}" marker-end="url(#{marker})"/><text x="{:.0}" y="{:.0}" text-anchor="middle" fill="{stroke}" font-size="11" paint-order="stroke" stroke="#fff" stroke-width="3">{}</text><title>{} → {}: {}</title></g>"##,
            if red { 2.5 } else { 1.5 },
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 - 6.0,
            xml(&label(f)),
            xml(f.from.get_ref()),
            xml(f.to.get_ref()),
            xml(&label(f))
        );
    }
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = place[i];
        let shape = if n.external {
            format!(
                r##"<ellipse cx="{:.0}" cy="{:.0}" rx="{:.0}" ry="{:.0}" fill="#fff" stroke="#333"/>"##,
                x + BOX_W / 2.0,
                y + BOX_H / 2.0,
                BOX_W / 2.0,
                BOX_H / 2.0
            )
        } else {
            format!(
                r##"<rect x="{x:.0}" y="{y:.0}" width="{BOX_W:.0}" height="{BOX_H:.0}" rx="{}" fill="#fff" stroke="#333" stroke-width="{}"/>"##,
                if n.store { 14 } else { 4 },
                if n.store { 2 } else { 1 }
            )
        };
        let _ = writeln!(
            s,
            r##"<g class="component">{shape}<text x="{:.0}" y="{:.0}" text-anchor="middle" font-weight="bold">{}</text><text x="{:.0}" y="{:.0}" text-anchor="middle" fill="#555" font-size="11">{}</text></g>"##,
            x + BOX_W / 2.0,
            y + 23.0,
            xml(&n.id),
            x + BOX_W / 2.0,
            y + 40.0,
            xml(&n.caption)
        );
    }
    let _ = writeln!(s, "</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &str = r#"[product]
name = "checkout <shop>"

[data]
classes = ["cardholder", "public"]

[[component]]
id = "web"
kind = "service"
zone = "dmz"

[[component]]
id = "orders-db"
kind = "database"
tech = "mongodb"
zone = "internal"
holds = ["cardholder"]

[[flow]]
from = "user"
to = "web"
data = ["public"]
encrypted = false

[[flow]]
from = "web"
to = "orders-db"
data = ["cardholder"]
encrypted = false
"#;

    #[test]
    fn dot_has_zones_as_clusters_and_the_unencrypted_card_flow_in_red() {
        let m = Manifest::parse("steward.toml", M).unwrap();
        let d = dot(&m);
        assert!(d.contains("subgraph \"cluster_dmz\""), "{d}");
        assert!(
            d.contains("\"orders-db\" [label=\"orders-db\nmongodb database\", shape=cylinder]"),
            "{d}"
        );
        assert!(
            d.contains(
                "\"web\" -> \"orders-db\" [label=\"cardholder, unencrypted\", color=\"red\""
            ),
            "{d}"
        );
        assert!(
            d.contains("\"user\" -> \"web\" [label=\"public, unencrypted\", color=\"#555555\""),
            "{d}"
        );
    }

    #[test]
    fn svg_is_escaped_and_draws_every_component_zone_and_flow() {
        let m = Manifest::parse("steward.toml", M).unwrap();
        let s = svg(&m);
        assert!(s.contains("checkout &lt;shop&gt;"));
        assert_eq!(s.matches("class=\"zone\"").count(), 3);
        assert_eq!(s.matches("class=\"component\"").count(), 3);
        assert_eq!(s.matches("class=\"flow exposed\"").count(), 1);
        assert_eq!(s.matches("class=\"flow\"").count(), 1);
    }
}
