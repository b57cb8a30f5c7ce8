//! The Prometheus text exposition format (0.0.4), as `serve` writes it: families of gauges,
//! counters and histograms, with `# HELP` and `# TYPE` lines, label values escaped as the format
//! requires (`\\`, `\"`, `\n`) and numbers in the spelling Prometheus parses (`+Inf`, `NaN`).

use std::fmt::Write as _;

/// What kind of metric a family is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Gauge,
    Counter,
    Histogram,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Gauge => "gauge",
            Kind::Counter => "counter",
            Kind::Histogram => "histogram",
        }
    }
}

/// Label names and raw values, in order.
pub type Labels = Vec<(&'static str, String)>;

/// One metric family and its samples. For a histogram, samples carry the `_bucket`, `_sum`
/// and `_count` suffixes themselves (see [`Family::histogram`]).
#[derive(Debug, Clone)]
pub struct Family {
    name: &'static str,
    help: &'static str,
    kind: Kind,
    /// (series name, labels, value).
    samples: Vec<(String, Labels, f64)>,
}

impl Family {
    pub fn new(name: &'static str, kind: Kind, help: &'static str) -> Family {
        Family {
            name,
            help,
            kind,
            samples: Vec::new(),
        }
    }

    /// A sample of this family with `labels` (valid label names; raw values).
    pub fn push(&mut self, labels: Vec<(&'static str, String)>, value: f64) {
        self.samples.push((self.name.to_string(), labels, value));
    }

    /// One histogram series: cumulative `counts` for `bounds` (upper bounds, ascending), then
    /// the `+Inf` bucket (`count`), `_sum` and `_count`.
    pub fn histogram(
        &mut self,
        labels: Vec<(&'static str, String)>,
        bounds: &[f64],
        counts: &[u64],
        sum: f64,
        count: u64,
    ) {
        for (bound, cumulative) in bounds.iter().zip(counts) {
            let mut with = labels.clone();
            with.push(("le", number(*bound)));
            self.samples
                .push((format!("{}_bucket", self.name), with, *cumulative as f64));
        }
        let mut with = labels.clone();
        with.push(("le", "+Inf".into()));
        self.samples
            .push((format!("{}_bucket", self.name), with, count as f64));
        self.samples
            .push((format!("{}_sum", self.name), labels.clone(), sum));
        self.samples
            .push((format!("{}_count", self.name), labels, count as f64));
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }
}

/// The families as exposition text; families without a sample are left out.
pub fn render(families: &[Family]) -> String {
    let mut out = String::new();
    for family in families.iter().filter(|f| !f.is_empty()) {
        let _ = writeln!(out, "# HELP {} {}", family.name, help(family.help));
        let _ = writeln!(out, "# TYPE {} {}", family.name, family.kind.name());
        for (name, labels, value) in &family.samples {
            let _ = writeln!(out, "{} {}", series(name, labels), number(*value));
        }
    }
    out
}

/// `name{a="1",b="2"}`, or the bare name without labels.
fn series(name: &str, labels: &[(&'static str, String)]) -> String {
    if labels.is_empty() {
        return name.to_string();
    }
    let inner: Vec<String> = labels
        .iter()
        .map(|(label, value)| format!("{label}=\"{}\"", label_value(value)))
        .collect();
    format!("{name}{{{}}}", inner.join(","))
}

/// A label value escaped as the format requires.
pub fn label_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn help(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

/// A number as Prometheus parses it: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
pub fn number(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value.is_infinite() {
        if value > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else if value == value.trunc() && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_render_with_help_type_and_escaped_labels() {
        let mut gauge = Family::new("probe_success", Kind::Gauge, "1 when the probe succeeded");
        gauge.push(vec![], 1.0);
        let mut counter = Family::new("requests_total", Kind::Counter, "requests\nby code");
        counter.push(
            vec![("code", "200".into()), ("path", "a\"b\\c\nd".into())],
            3.0,
        );
        let empty = Family::new("nothing", Kind::Gauge, "never written");
        let text = render(&[gauge, counter, empty]);
        assert_eq!(
            text,
            "# HELP probe_success 1 when the probe succeeded\n# TYPE probe_success gauge\n\
             probe_success 1\n# HELP requests_total requests\\nby code\n\
             # TYPE requests_total counter\n\
             requests_total{code=\"200\",path=\"a\\\"b\\\\c\\nd\"} 3\n"
        );
    }

    #[test]
    fn histograms_have_cumulative_buckets_inf_sum_and_count() {
        let mut histogram = Family::new("duration_seconds", Kind::Histogram, "durations");
        histogram.histogram(vec![("module", "m".into())], &[0.1, 1.0], &[2, 3], 1.5, 4);
        let text = render(&[histogram]);
        assert!(
            text.contains("duration_seconds_bucket{module=\"m\",le=\"0.1\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("duration_seconds_bucket{module=\"m\",le=\"1\"} 3\n"),
            "{text}"
        );
        assert!(
            text.contains("duration_seconds_bucket{module=\"m\",le=\"+Inf\"} 4\n"),
            "{text}"
        );
        assert!(
            text.contains("duration_seconds_sum{module=\"m\"} 1.5\n"),
            "{text}"
        );
        assert!(
            text.contains("duration_seconds_count{module=\"m\"} 4\n"),
            "{text}"
        );
        assert!(
            text.contains("# TYPE duration_seconds histogram\n"),
            "{text}"
        );
    }

    #[test]
    fn numbers_use_the_formats_spelling() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(f64::INFINITY), "+Inf");
        assert_eq!(number(f64::NEG_INFINITY), "-Inf");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(1.7e18), "1700000000000000000");
    }
}
