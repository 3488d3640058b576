//! The server's modules keep to their layers (ARCHITECTURE.md, "Layering
//! rules (server)"): each top-level module of `src/` names, through
//! `crate::` paths, only the modules its layer may use, and no two modules
//! need each other. Read from the sources, tests left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Each layer, bottom up, with its modules and the layers below it that it
/// may use (its own included: the modules of one layer may use each other,
/// in no cycle).
const LAYERS: &[(&str, &[&str], &[&str])] = &[
    (
        "foundations",
        &[
            "error",
            "time",
            "text",
            "art",
            "request_id",
            "rate_limit",
            "proxies",
            "metrics",
            "key_waits",
            "regions",
        ],
        &["foundations"],
    ),
    ("store", &["store"], &["foundations"]),
    (
        "infrastructure",
        &["config", "showcases", "deal_board", "live", "state"],
        &["infrastructure", "store", "foundations"],
    ),
    (
        "domain",
        &[
            "identity",
            "checkout",
            "orders",
            "creator",
            "live_vouchers",
            "deals",
            "payments",
            "provider",
            "seed",
            "extract",
        ],
        &["domain", "infrastructure", "store", "foundations"],
    ),
    (
        "http",
        &["routes", "layers"],
        &["http", "domain", "infrastructure", "store", "foundations"],
    ),
    (
        "entry",
        &["lib", "main", "server"],
        &[
            "entry",
            "http",
            "domain",
            "infrastructure",
            "store",
            "foundations",
        ],
    ),
];

/// Items the crate root re-exports, and the module each comes from.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("AppState", "state"),
    ("Origins", "state"),
    ("Site", "config"),
    ("Config", "config"),
    ("AppError", "error"),
    ("DEMO_HOST", "routes"),
    ("app", "lib"),
    ("add_host", "server"),
    ("run", "server"),
    ("serve", "server"),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
    found
}

/// The top-level module a file of `src/` belongs to.
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(src()).expect("a file of src/");
    let first = relative.components().next().expect("a path");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_owned()
}

/// `text` without its tests and its comment lines.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first names of the paths in `group` (`a, b::c, d::{e, f}` → `a`, `b`, `d`).
fn first_names(group: &str) -> Vec<String> {
    let mut names = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(group[start..i].to_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    names.push(group[start..].to_owned());
    names
        .into_iter()
        .filter_map(|path| {
            let first = path.trim().split("::").next()?.trim().to_owned();
            (!first.is_empty()).then_some(first)
        })
        .collect()
}

/// The names following `crate::` in `text`, braces opened.
fn crate_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        // `super::crate::` cannot occur; `$crate::` is a macro's, skipped.
        if text[..at].ends_with('$') {
            continue;
        }
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            names.extend(first_names(&group[..end]));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
        }
    }
    names
}

/// The top-level modules each module of `src/` names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = sources(&src());
    let modules: BTreeSet<String> = files.iter().map(|path| module_of(path)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let module = module_of(path);
        let text = code(&fs::read_to_string(path).expect("a readable source"));
        let named = graph.entry(module.clone()).or_default();
        for name in crate_names(&text) {
            let target = ROOT_ITEMS
                .iter()
                .find(|(item, _)| *item == name)
                .map_or(name, |(_, module)| (*module).to_owned());
            if target != module && modules.contains(&target) {
                named.insert(target);
            }
        }
    }
    graph
}

/// The layer of `module`.
fn layer_of(module: &str) -> Option<(&'static str, &'static [&'static str])> {
    LAYERS
        .iter()
        .find(|(_, modules, _)| modules.contains(&module))
        .map(|(layer, _, may_use)| (*layer, *may_use))
}

#[test]
fn every_module_has_a_layer() {
    let unplaced: Vec<String> = graph()
        .into_keys()
        .filter(|module| layer_of(module).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules in no layer (add them to LAYERS and to ARCHITECTURE.md): {unplaced:?}"
    );
}

#[test]
fn modules_use_only_their_layer_and_those_below() {
    let mut breaks = Vec::new();
    for (module, named) in graph() {
        let Some((layer, may_use)) = layer_of(&module) else {
            continue;
        };
        for target in named {
            let Some((target_layer, _)) = layer_of(&target) else {
                continue;
            };
            if !may_use.contains(&target_layer) {
                breaks.push(format!("{module} ({layer}) uses {target} ({target_layer})"));
            }
        }
    }
    assert!(breaks.is_empty(), "layering broken: {breaks:#?}");
}

#[test]
fn the_store_names_no_domain_module() {
    let graph = graph();
    let named = &graph["store"];
    let domain: Vec<&String> = named
        .iter()
        .filter(|target| layer_of(target).is_some_and(|(layer, _)| layer != "foundations"))
        .collect();
    assert!(domain.is_empty(), "the store uses {domain:?}");
}

#[test]
fn no_two_modules_need_each_other() {
    let graph = graph();
    // Depth-first; a module met again while on the path closes a cycle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_owned());
            cycles.push(cycle.join(" → "));
            return;
        }
        if !done.insert(module.to_owned()) {
            return;
        }
        path.push(module.to_owned());
        for target in graph.get(module).into_iter().flatten() {
            visit(target, graph, path, done, cycles);
        }
        path.pop();
    }
    let (mut done, mut cycles) = (BTreeSet::new(), Vec::new());
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "modules in a cycle: {cycles:#?}");
}

#[test]
fn the_reader_sees_a_use_group_and_a_plain_path() {
    let names = crate_names(
        "use crate::{a::{b, c}, d};\nlet x = crate::e::f(); macro!($crate::g);\nuse crate::AppState;",
    );
    assert_eq!(names, ["a", "d", "e", "AppState"]);
}
