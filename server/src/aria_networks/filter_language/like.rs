//! The filter language's `like`: `%` any run, `_` one character, everything else literal,
//! case-insensitive. One matcher for every place the language is evaluated: search compiles it
//! once per query; the data-source listing (a few hundred rows at most) per row.

use regex::Regex;

/// A compiled `like` pattern.
pub fn like_pattern(pattern: &str) -> Regex {
    let mut re = String::from("(?is)^");
    for c in pattern.chars() {
        match c {
            '%' => re.push_str(".*"),
            '_' => re.push('.'),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re).expect("an escaped pattern is a regex")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like(value: &str, pattern: &str) -> bool {
        like_pattern(pattern).is_match(value)
    }

    #[test]
    fn wildcards_match_runs_and_single_characters_case_insensitively() {
        assert!(like("vcenter-a", "vcenter%"));
        assert!(like("vCenter-A", "VCENTER%"));
        assert!(like("vcenter-a", "%-_"));
        assert!(like("abc", "%"));
        assert!(!like("vcenter-a", "nsx%"));
        assert!(!like("ab", "a_c"));
        assert!(like("aXbXc", "a%b%c"));
        assert!(like("a.b", "a.b") && !like("axb", "a.b"));
        // A `%` in the value is a character like any other; in the pattern, a wildcard.
        assert!(like("50%off", "50%f"));
        assert!(like("50%off", "50_off"));
    }
}
