//! A bound on what a JSONPath may make the evaluator visit, checked before it runs.
//!
//! A descendant segment (`..`) visits every node below where it starts; chained ones multiply:
//! `$..*..*` over a deeply nested 800 KB body is hundreds of millions of results, seconds of CPU
//! and gigabytes of memory, all chosen by the server. The evaluator cannot be interrupted, so
//! the cost is computed first: for `k` descendant segments anywhere in the path (filters
//! included), the number of chains of `k` nested descendants in the document, an upper bound on
//! the nodes such a path selects. Paths with fewer than two cost at most the document itself.

use serde_json::Value;

/// The most nodes a rule may make the evaluator visit. A 1 MiB document has at most about
/// 500,000 nodes, so any path with one descendant segment stays within it.
pub const MAX_VISITED: u64 = 1_000_000;

/// How many descendant segments (`..`) `path` has outside string literals.
pub fn descendant_segments(path: &str) -> usize {
    let bytes = path.as_bytes();
    let mut count = 0;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(_) if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'\'' || b == b'"' => quote = Some(b),
            None if b == b'.' && bytes.get(i + 1) == Some(&b'.') => {
                count += 1;
                i += 1;
            }
            None => {}
        }
        i += 1;
    }
    count
}

/// `Err` with the bound when evaluating a path with `segments` descendant segments over
/// `document` could visit more than [`MAX_VISITED`] nodes.
pub fn check(segments: usize, document: &Value) -> Result<(), String> {
    if segments < 2 {
        return Ok(());
    }
    let visits = chains(document, segments);
    if visits > MAX_VISITED {
        return Err(format!(
            "it could visit {} nodes of this document, over the cap of {MAX_VISITED} (each `..` \
             multiplies the work: narrow the path)",
            if visits == u64::MAX {
                "billions of".to_string()
            } else {
                visits.to_string()
            }
        ));
    }
    Ok(())
}

/// The number of chains of `k` strictly nested descendants, summed over the document: what
/// `k` chained `..*` segments select. Saturating; computed bottom-up in one walk.
fn chains(document: &Value, k: usize) -> u64 {
    // below[j] for a node: chains of j nested descendants starting under it.
    fn walk(node: &Value, k: usize, depth: usize) -> Vec<u64> {
        let mut below = vec![0u64; k + 1];
        below[0] = 1;
        if depth > 256 {
            return below;
        }
        let children: Box<dyn Iterator<Item = &Value>> = match node {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => return below,
        };
        for child in children {
            let inner = walk(child, k, depth + 1);
            for j in 1..=k {
                // A chain of j under this node: the child itself ends a chain of j-1 above it,
                // or the chain of j lies entirely under the child.
                below[j] = below[j]
                    .saturating_add(inner[j - 1])
                    .saturating_add(inner[j]);
            }
        }
        below
    }
    walk(document, k, 0)[k]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn descendant_segments_are_counted_outside_strings() {
        assert_eq!(descendant_segments("$.a.b"), 0);
        assert_eq!(descendant_segments("$..a"), 1);
        assert_eq!(descendant_segments("$..*..*"), 2);
        assert_eq!(descendant_segments("$[?@..x]..y"), 2);
        assert_eq!(descendant_segments("$['a..b']..c"), 1);
        assert_eq!(descendant_segments(r#"$["a\"..b"]"#), 0);
    }

    #[test]
    fn chains_count_what_chained_wildcards_select() {
        // {"a":{"b":{"c":1}}}: `..*` selects 3 nodes, `..*..*` the pairs (a,b) (a,c) (b,c).
        let doc = json!({"a": {"b": {"c": 1}}});
        assert_eq!(chains(&doc, 1), 3);
        assert_eq!(chains(&doc, 2), 3);
        assert_eq!(chains(&doc, 3), 1);
    }

    #[test]
    fn a_deep_document_under_two_descendant_segments_is_refused() {
        // 120 levels (serde_json reads at most 128), each with 200 leaves: 24,000 nodes, but
        // about 1.45 million (ancestor, descendant) pairs.
        let mut doc = json!(1);
        for _ in 0..120 {
            doc = json!({"x": doc, "y": vec![1; 200]});
        }
        assert!(check(1, &doc).is_ok());
        let err = check(2, &doc).unwrap_err();
        assert!(err.contains("over the cap of 1000000"), "{err}");
        // A small document passes under any number.
        assert!(check(3, &json!({"a": [1, 2]})).is_ok());
    }
}
