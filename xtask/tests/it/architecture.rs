//! The server's shape, kept by tests: sibling modules import each other in one direction only,
//! and each spec tag's generated trait is implemented once, in its concept's `api.rs` (or
//! `api/<tag>.rs`), by hand, without macros.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;
use xtask::spec::workspace_root;

type Module = Vec<String>;

/// Every hand-written `.rs` file under `src`, by module path (`aria_networks::tokens`).
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    fn walk(dir: &Path, src: &Path, out: &mut BTreeMap<Module, PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().unwrap() != "generated" {
                    walk(&path, src, out);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut module: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            if module == ["main"] {
                continue; // the binary is its own crate
            }
            out.insert(module, path);
        }
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    out
}

/// The `crate::`, `super::` and `self::` paths a file names (in `use` items and in code), each
/// resolved to the deepest module it reaches.
struct References<'a> {
    known: &'a BTreeMap<Module, PathBuf>,
    /// The module the visitor is in: the file's, plus any inline `mod` it has entered.
    here: Module,
    found: BTreeSet<Module>,
}

impl References<'_> {
    fn resolve(&mut self, segments: &[String]) {
        let (mut target, rest) = match segments.first().map(String::as_str) {
            Some("crate") => (Vec::new(), &segments[1..]),
            Some("self") => (self.here.clone(), &segments[1..]),
            Some("super") => {
                let mut base = self.here.clone();
                let supers = segments.iter().take_while(|s| *s == "super").count();
                base.truncate(base.len().saturating_sub(supers));
                (base, &segments[supers..])
            }
            _ => return,
        };
        for segment in rest {
            target.push(segment.clone());
            if !self.known.contains_key(&target) {
                target.pop();
                break;
            }
        }
        self.found.insert(target);
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.resolve(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.resolve(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.resolve(&prefix.clone()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for References<'_> {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if item.content.is_some() {
            self.here.push(item.ident.to_string());
            syn::visit::visit_item_mod(self, item);
            self.here.pop();
        }
    }
}

/// Edges between sibling modules: `a -> b` under `parent` when something in `a` names something
/// in `b` (a child naming its ancestors, or the reverse, is not an edge).
fn sibling_edges(src: &Path) -> BTreeSet<(String, String, String)> {
    let known = modules(src);
    let mut edges = BTreeSet::new();
    for (module, path) in &known {
        let text = std::fs::read_to_string(path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut refs = References {
            known: &known,
            here: module.clone(),
            found: BTreeSet::new(),
        };
        refs.visit_file(&file);
        for target in refs.found {
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common == module.len() || common == target.len() {
                continue;
            }
            edges.insert((
                module[..common].join("::"),
                module[common].clone(),
                target[common].clone(),
            ));
        }
    }
    edges
}

/// A cycle through `edges` (under one parent), as `a -> b -> a`, if there is one.
fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn dfs(
        node: &str,
        edges: &BTreeSet<(String, String)>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for (_, next) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(c) = dfs(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for (from, _) in edges {
        if let Some(c) = dfs(from, edges, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

/// Every cycle among sibling modules of `src`, one per parent that has one.
fn cycles(edges: &BTreeSet<(String, String, String)>) -> Vec<String> {
    let parents: BTreeSet<&String> = edges.iter().map(|(p, _, _)| p).collect();
    parents
        .into_iter()
        .filter_map(|parent| {
            let here: BTreeSet<(String, String)> = edges
                .iter()
                .filter(|(p, _, _)| p == parent)
                .map(|(_, a, b)| (a.clone(), b.clone()))
                .collect();
            let name = if parent.is_empty() { "crate" } else { parent };
            find_cycle(&here).map(|c| format!("{name}: {}", c.join(" -> ")))
        })
        .collect()
}

#[test]
fn sibling_modules_import_each_other_in_one_direction() {
    let root = workspace_root();
    for krate in ["server", "client", "xtask"] {
        let edges = sibling_edges(&root.join(krate).join("src"));
        let found = cycles(&edges);
        assert!(
            found.is_empty(),
            "{krate}: module cycles:\n  {}",
            found.join("\n  ")
        );
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let edge = |a: &str, b: &str| ("x".to_string(), a.to_string(), b.to_string());
    let mut edges: BTreeSet<_> = [edge("a", "b"), edge("b", "c"), edge("a", "c")].into();
    assert!(cycles(&edges).is_empty());
    edges.insert(edge("c", "a"));
    assert_eq!(cycles(&edges), ["x: a -> b -> c -> a"]);
}

/// `pub trait XApi: Api` in each generated server module, by module.
fn tag_traits() -> Vec<(String, String)> {
    let dir = workspace_root().join("server/src/generated");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let module = path.file_stem().unwrap().to_string_lossy().into_owned();
        let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for item in file.items {
            if let syn::Item::Trait(t) = item {
                // A tag's trait has `Api` alone above it (`Operations` has every trait).
                let is_tag = t.supertraits.len() == 1
                    && t.supertraits.iter().any(
                        |b| matches!(b, syn::TypeParamBound::Trait(tb) if tb.path.is_ident("Api")),
                    );
                if is_tag {
                    out.push((module.clone(), t.ident.to_string()));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn each_tag_trait_is_implemented_once_in_an_api_file_without_macros() {
    let root = workspace_root();
    let src = root.join("server/src");
    let traits = tag_traits();
    assert!(traits.len() > 30, "found only {traits:?}");
    let mut impls: BTreeMap<(String, String), Vec<PathBuf>> = BTreeMap::new();
    for path in modules(&src).into_values() {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = syn::parse_file(&text).unwrap();
        let rel = path.strip_prefix(&root).unwrap().to_path_buf();
        let in_api = rel.file_name().unwrap() == "api.rs"
            || rel.parent().is_some_and(|p| p.ends_with("api"));
        for item in &file.items {
            match item {
                syn::Item::Impl(i) => {
                    let Some((_, path, _)) = &i.trait_ else {
                        continue;
                    };
                    let name = path.segments.last().unwrap().ident.to_string();
                    let Some((module, _)) = traits.iter().find(|(m, t)| {
                        *t == name && rel.starts_with(format!("server/src/{m}"))
                            || *t == name && m == "sandbox" && rel.starts_with("server/src/control")
                    }) else {
                        continue;
                    };
                    assert!(
                        in_api,
                        "{name} is implemented in {}, not in an api.rs",
                        rel.display()
                    );
                    impls
                        .entry((module.clone(), name))
                        .or_default()
                        .push(rel.clone());
                }
                syn::Item::Macro(m) if in_api => {
                    panic!(
                        "{}: a macro ({}) in an API file; write the methods out",
                        rel.display(),
                        m.mac.path.segments.last().unwrap().ident
                    );
                }
                _ => {}
            }
        }
    }
    for (module, name) in &traits {
        match impls.get(&(module.clone(), name.clone())) {
            Some(files) if files.len() == 1 => {}
            Some(files) => panic!(
                "{module}::{name} is implemented {} times: {files:?}",
                files.len()
            ),
            None => panic!("{module}::{name} is implemented nowhere under server/src"),
        }
    }
}
