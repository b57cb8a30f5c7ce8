//! The set of accepted HTTP statuses (`--expect-status`): `200`, `200,204`, `2xx`, `200-299`,
//! or any comma-separated mix. The default, 200-399, is what Kubernetes' httpGet probe accepts.

use std::fmt;
use std::str::FromStr;

/// A list of inclusive status ranges, kept in the order and shape the user wrote them so that
/// messages echo their own words back ("expected 2xx,301").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusSet {
    items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Exact(u16),
    Class(u16),
    Span(u16, u16),
}

impl Item {
    fn bounds(&self) -> (u16, u16) {
        match *self {
            Item::Exact(code) => (code, code),
            Item::Class(digit) => (digit * 100, digit * 100 + 99),
            Item::Span(low, high) => (low, high),
        }
    }
}

impl StatusSet {
    pub fn contains(&self, status: u16) -> bool {
        self.items.iter().any(|item| {
            let (low, high) = item.bounds();
            (low..=high).contains(&status)
        })
    }
}

impl Default for StatusSet {
    fn default() -> Self {
        StatusSet {
            items: vec![Item::Span(200, 399)],
        }
    }
}

impl FromStr for StatusSet {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let items = text
            .split(',')
            .map(|part| parse_item(part.trim(), text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StatusSet { items })
    }
}

fn parse_item(part: &str, whole: &str) -> Result<Item, String> {
    let bad = |why: &str| {
        format!(
            "invalid status list '{}': '{}' {why}; use e.g. 200, 200,204, 2xx, 200-299",
            crate::text::escaped(whole),
            crate::text::escaped(part)
        )
    };
    if part.is_empty() {
        return Err(bad("is empty"));
    }
    if let Some(digit) = part.strip_suffix("xx").or_else(|| part.strip_suffix("XX")) {
        return match digit.parse::<u16>() {
            Ok(d @ 1..=5) if digit.len() == 1 => Ok(Item::Class(d)),
            _ => Err(bad("is not a status class (1xx to 5xx)")),
        };
    }
    if let Some((low, high)) = part.split_once('-') {
        let (low, high) = (code(low.trim()), code(high.trim()));
        return match (low, high) {
            (Some(low), Some(high)) if low <= high => Ok(Item::Span(low, high)),
            (Some(_), Some(_)) => Err(bad("has its start above its end")),
            _ => Err(bad("is not a range of statuses 100-599")),
        };
    }
    code(part)
        .map(Item::Exact)
        .ok_or_else(|| bad("is not an HTTP status 100-599"))
}

fn code(text: &str) -> Option<u16> {
    if text.len() != 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|c| (100..=599).contains(c))
}

impl fmt::Display for StatusSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            match item {
                Item::Exact(code) => write!(f, "{code}")?,
                Item::Class(digit) => write!(f, "{digit}xx")?,
                Item::Span(low, high) => write!(f, "{low}-{high}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(s: &str) -> StatusSet {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn default_accepts_200_to_399_like_kubernetes() {
        let d = StatusSet::default();
        assert!(d.contains(200) && d.contains(207) && d.contains(301) && d.contains(399));
        assert!(!d.contains(199) && !d.contains(400) && !d.contains(503));
        assert_eq!(d.to_string(), "200-399");
    }

    #[test]
    fn every_documented_form_parses() {
        assert!(set("200").contains(200) && !set("200").contains(201));
        let pair = set("200,204");
        assert!(pair.contains(204) && !pair.contains(202));
        assert!(set("2xx").contains(299) && !set("2xx").contains(300));
        assert!(set("2XX").contains(250));
        assert!(set("200-299").contains(250) && !set("200-299").contains(300));
        let mixed = set("2xx, 301");
        assert!(mixed.contains(201) && mixed.contains(301) && !mixed.contains(302));
    }

    #[test]
    fn display_echoes_the_users_list() {
        assert_eq!(set("2xx, 301").to_string(), "2xx,301");
        assert_eq!(set("200-204,404").to_string(), "200-204,404");
    }

    #[test]
    fn malformed_lists_are_rejected() {
        for bad in [
            "", ",", "200,", "abc", "20", "2000", "600", "099", "6xx", "0xx", "22xx", "x",
            "299-200", "200-", "-200", "200-700", "2xx-3xx",
        ] {
            assert!(
                bad.parse::<StatusSet>().is_err(),
                "{bad:?} should be rejected"
            );
        }
        let err = "200,abc".parse::<StatusSet>().unwrap_err();
        assert!(err.contains("'abc'"), "{err}");
    }
}

/// Properties of status lists over generated input: parsing never panics, the list reads back
/// from its display, and membership is the union of the items written.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// One item as written, with the inclusive range it stands for.
    fn item() -> impl Strategy<Value = (String, u16, u16)> {
        prop_oneof![
            (100u16..=599).prop_map(|c| (c.to_string(), c, c)),
            (1u16..=5, any::<bool>()).prop_map(|(d, upper)| {
                let text = if upper {
                    format!("{d}XX")
                } else {
                    format!("{d}xx")
                };
                (text, d * 100, d * 100 + 99)
            }),
            (100u16..=599, 0u16..=499).prop_map(|(low, width)| {
                let high = (low + width).min(599);
                (format!("{low}-{high}"), low, high)
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parse_never_panics_on_any_text(text in any::<String>()) {
            let _ = text.parse::<StatusSet>();
        }

        #[test]
        fn parse_never_panics_on_list_like_text(text in "[0-9xX, \\-\n\t\u{1b}]{0,16}") {
            if let Err(err) = text.parse::<StatusSet>() {
                prop_assert!(!err.chars().any(char::is_control), "{err:?}");
                if !text.contains(char::is_control) {
                    prop_assert!(err.contains(&format!("'{text}'")), "{text:?}: {err}");
                }
            }
        }

        #[test]
        fn membership_is_the_union_of_the_items(
            items in proptest::collection::vec(item(), 1..5),
            spaced in any::<bool>(),
            status in any::<u16>(),
        ) {
            let separator = if spaced { ", " } else { "," };
            let texts: Vec<&str> = items.iter().map(|(t, ..)| t.as_str()).collect();
            let text = texts.join(separator);
            let set = text.parse::<StatusSet>().map_err(TestCaseError::fail)?;
            let expected = items.iter().any(|(_, low, high)| (*low..=*high).contains(&status));
            prop_assert_eq!(set.contains(status), expected, "{} with {}", text, status);
            let shown = set.to_string();
            let again = shown.parse::<StatusSet>();
            prop_assert_eq!(again, Ok(set), "{}", shown);
        }
    }
}
