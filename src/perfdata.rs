//! One Nagios performance-data item: `'label'=value[UOM];[warn];[crit];[min];[max]`, as the plugin
//! guidelines define it. Checks that measure something carry one; the Nagios renderer prefixes
//! the label with the target name when a run has several targets and writes them out.

use crate::range::Range;

/// A number to graph, with the thresholds it was judged by.
#[derive(Debug, Clone, PartialEq)]
pub struct Perfdata {
    /// As the user or the document named it; made safe only when written.
    pub label: String,
    /// Already in perfdata's number syntax (`[-0-9.]`); `None` when it could not be determined,
    /// which is written `U`.
    pub value: Option<String>,
    /// A Nagios unit (`s`, `ms`, `%`, `B`, ...) or empty.
    pub unit: String,
    pub warning: Option<Range>,
    pub critical: Option<Range>,
    pub min: Option<String>,
    pub max: Option<String>,
}

impl Perfdata {
    pub fn new(label: impl Into<String>, value: Option<String>, unit: impl Into<String>) -> Self {
        Perfdata {
            label: label.into(),
            value,
            unit: unit.into(),
            warning: None,
            critical: None,
            min: None,
            max: None,
        }
    }

    /// The item under `label` (the caller's final label, e.g. with a target prefix). Empty
    /// trailing fields are left out, as Monitoring::Plugin does (`data=5;;` keeps the two
    /// threshold slots so that readers always find warn and crit in place).
    pub fn render(&self, label: &str) -> String {
        let value = match &self.value {
            Some(value) => format!("{value}{}", self.unit),
            None => "U".to_string(),
        };
        let range = |r: &Option<Range>| r.as_ref().map(Range::to_string).unwrap_or_default();
        let mut fields = vec![
            range(&self.warning),
            range(&self.critical),
            self.min.clone().unwrap_or_default(),
            self.max.clone().unwrap_or_default(),
        ];
        while fields.len() > 2 && fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        format!("{}={value};{}", quote_label(label), fields.join(";"))
    }
}

/// A label as perfdata allows it: `'`, `=` and `|` (which perfdata or Nagios would misread) and
/// control characters become `_`; single-quoted when it holds anything outside
/// `[A-Za-z0-9_.-]`.
pub fn quote_label(label: &str) -> String {
    let safe: String = label
        .chars()
        .map(|c| {
            if matches!(c, '\'' | '=' | '|') || crate::text::is_hostile(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if !safe.is_empty()
        && safe
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        safe
    } else {
        format!("'{safe}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> Option<Range> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn plain_labels_are_bare_and_others_quoted_with_forbidden_characters_replaced() {
        assert_eq!(quote_label("db_ms"), "db_ms");
        assert_eq!(quote_label("page file"), "'page file'");
        assert_eq!(quote_label("a'b=c|d"), "a_b_c_d");
        assert_eq!(quote_label("a b'c"), "'a b_c'");
        assert_eq!(quote_label("x\ny"), "x_y");
        assert_eq!(quote_label(""), "''");
    }

    #[test]
    fn items_keep_the_threshold_slots_and_drop_empty_trailing_ones() {
        let mut item = Perfdata::new("data", Some("5".into()), "");
        assert_eq!(item.render("data"), "data=5;;");
        item.warning = range("10");
        item.critical = range("@10:20");
        item.unit = "ms".into();
        assert_eq!(item.render("data"), "data=5ms;10;@10:20");
        item.min = Some("0".into());
        item.max = Some("10".into());
        assert_eq!(item.render("t"), "t=5ms;10;@10:20;0;10");
        item.min = None;
        assert_eq!(item.render("t"), "t=5ms;10;@10:20;;10");
    }

    #[test]
    fn an_undetermined_value_is_u_without_its_unit() {
        let mut item = Perfdata::new("db_ms", None, "ms");
        item.critical = range("500");
        assert_eq!(item.render("db_ms"), "db_ms=U;;500");
    }
}
