//! ARCHITECTURE.md stays true: every module of `src/` imports only modules of its own layer or
//! the layers below it, and the two drivers (`run`, the command line's, and `serve`) never
//! import each other. The layers are read from ARCHITECTURE.md's table, so the document and
//! this test cannot drift apart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Module -> layer rank, from the `| rank | layer | modules |` table of ARCHITECTURE.md.
fn layers() -> BTreeMap<String, u32> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut layers = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some(rank), Some(modules)) = (cells.get(1), cells.get(3)) else {
            continue;
        };
        let Ok(rank) = rank.parse::<u32>() else {
            continue;
        };
        for module in modules.split(',') {
            let module = module.trim().trim_matches('`');
            if !module.is_empty() {
                layers.insert(module.to_string(), rank);
            }
        }
    }
    assert!(
        layers.len() > 20,
        "ARCHITECTURE.md's layer table: {layers:?}"
    );
    layers
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/health/generic/walk.rs` -> `health`).
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(root().join("src")).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    first.to_string_lossy().trim_end_matches(".rs").to_string()
}

/// Test code may reach across layers to test the whole pipeline; it is not part of the design.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    matches!(
        name.as_ref(),
        "tests.rs" | "properties.rs" | "never_silent.rs" | "corpus.rs" | "testing.rs"
    )
}

/// The code of a file without its `#[cfg(test)] mod tests { ... }` (always last) and comments.
fn production_code(text: &str) -> String {
    let cut = text.find("#[cfg(test)]\nmod tests {").unwrap_or(text.len());
    text[..cut]
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::NAME` a piece of code names.
fn imports(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

#[test]
fn every_module_imports_only_its_layer_and_the_layers_below() {
    let layers = layers();
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    files.sort();
    let mut broken = Vec::new();
    for file in &files {
        let module = module_of(file);
        let Some(own) = layers.get(&module) else {
            broken.push(format!(
                "{}: module `{module}` is in no layer of ARCHITECTURE.md",
                file.display()
            ));
            continue;
        };
        if is_test_file(file) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for imported in imports(&production_code(&text)) {
            // `say!` is a macro of the crate root, for one line on stderr.
            if imported == module || imported == "say" {
                continue;
            }
            match layers.get(&imported) {
                None => broken.push(format!(
                    "{}: imports `{imported}`, which is in no layer",
                    file.display()
                )),
                Some(theirs) if theirs > own => broken.push(format!(
                    "{}: `{module}` (layer {own}) imports `{imported}` (layer {theirs}), a layer above it",
                    file.display()
                )),
                Some(_) if matches!((module.as_str(), imported.as_str()), ("run", "serve") | ("serve", "run")) => {
                    broken.push(format!(
                        "{}: the drivers `run` and `serve` must not know each other",
                        file.display()
                    ))
                }
                Some(_) => {}
            }
        }
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn the_checker_sees_a_forbidden_import() {
    // The rule itself, on a made-up file: the pipeline importing the plan is refused.
    let layers = layers();
    let code = production_code(
        "use crate::plan::Plan;\nfn f() {}\n#[cfg(test)]\nmod tests {\n use crate::run;\n}\n",
    );
    let found = imports(&code);
    assert_eq!(found, ["plan"]);
    assert!(layers["plan"] > layers["pipeline"]);
    assert!(layers["serve"] == layers["run"]);
}
