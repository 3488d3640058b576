//! The widget's parts keep to their folders: the first part (everything in
//! `src/` outside `src/parts/<part>/`) reaches a later part only through the
//! entries in `src/parts/mod.rs`, and no part names another's code. The
//! splitter follows every reference, so one stray `use` would move a whole
//! feature into the first download (or one part's code into another's).

use std::fs;
use std::path::{Path, PathBuf};

/// The later parts: each a folder under `src/parts/`.
const PARTS: [&str; 2] = ["shop", "creator"];

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

/// The part a source file belongs to (`None`: the first part).
fn part_of(path: &Path, src: &Path) -> Option<&'static str> {
    let relative = path.strip_prefix(src).ok()?;
    let mut components = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    if components.next()? != "parts" {
        return None;
    }
    let folder = components.next()?;
    PARTS.into_iter().find(|part| *part == folder)
}

/// The places in `text` that name `part`'s code by path, as `line: text`.
fn naming(text: &str, part: &str) -> Vec<String> {
    let needles = [
        format!("parts::{part}::"),
        format!("parts::{part}}}"),
        format!("parts::{{{part}"),
    ];
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| needles.iter().any(|needle| line.contains(needle.as_str())))
        .map(|(number, line)| format!("{}: {}", number + 1, line.trim()))
        .collect()
}

#[test]
fn no_module_names_a_part_it_does_not_belong_to() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let entries = src.join("parts").join("mod.rs");
    let mut strays = Vec::new();
    for path in sources(&src) {
        if path == entries {
            continue;
        }
        let own = part_of(&path, &src);
        let text = fs::read_to_string(&path).expect("sources are UTF-8");
        for part in PARTS.into_iter().filter(|part| Some(*part) != own) {
            for place in naming(&text, part) {
                strays.push(format!(
                    "{} names the {part} part at {place}",
                    path.display()
                ));
            }
        }
    }
    assert!(strays.is_empty(), "{}", strays.join("\n"));
}

#[test]
fn the_rule_sees_a_stray_use_and_every_part_folder() {
    assert_eq!(
        naming(
            "use crate::parts::shop::Shop;\n// parts::shop:: in a comment",
            "shop"
        ),
        ["1: use crate::parts::shop::Shop;"]
    );
    assert_eq!(
        naming("use crate::parts::{shop, creator};", "shop").len(),
        1
    );
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for part in PARTS {
        assert!(
            src.join("parts").join(part).join("mod.rs").exists(),
            "src/parts/{part}/"
        );
    }
    assert_eq!(part_of(&src.join("parts/shop/app.rs"), &src), Some("shop"));
    assert_eq!(part_of(&src.join("app.rs"), &src), None);
}

/// The keys `Text::Key` named in `text`, outside its tests.
fn text_keys(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut keys = Vec::new();
    for piece in code.split("Text::").skip(1) {
        let key: String = piece
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if key.starts_with(|c: char| c.is_ascii_uppercase()) && key != "ALL" {
            keys.push(key);
        }
    }
    keys
}

#[test]
fn every_text_the_core_shows_is_in_the_first_parts_table() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let i18n = src.join("i18n");
    for language in ["id.rs", "en.rs"] {
        let table = fs::read_to_string(i18n.join(language)).expect("the first part's table");
        let mut missing = Vec::new();
        for path in sources(&src) {
            if part_of(&path, &src).is_some()
                || path.starts_with(&i18n) && path != i18n.join("mod.rs")
            {
                continue;
            }
            let text = fs::read_to_string(&path).expect("sources are UTF-8");
            for key in text_keys(&text) {
                if !table.contains(&format!("Text::{key} =>")) {
                    missing.push(format!("{} shows Text::{key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in i18n/{language}:\n{}",
            missing.join("\n")
        );
    }
}

#[test]
fn text_keys_are_read_outside_tests_only() {
    assert_eq!(
        text_keys(
            "Text::Retry.get(l); Text::ALL; fill(l, Text::SoldCount, x)\n#[cfg(test)]\nText::Cart"
        ),
        ["Retry", "SoldCount"]
    );
}
