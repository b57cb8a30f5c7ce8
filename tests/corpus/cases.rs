//! The rows of tests/corpus/EXPECTED.tsv, read the same way by the unit tests of the readers
//! (src/health/corpus.rs) and by the end-to-end test (tests/cases/corpus.rs).

/// One body of the corpus and what an operator expects of it.
pub struct Case {
    pub file: String,
    /// OK, WARNING, CRITICAL or UNKNOWN.
    pub verdict: String,
    /// The failing parts, nested ones as `parent/child`.
    pub failing: Vec<String>,
    /// The service's own version.
    pub version: Option<String>,
    pub status: u16,
    pub content_type: Option<String>,
    /// What healthprobe still reads wrongly in this body.
    pub miss: Option<String>,
}

/// The corpus folder.
pub fn dir() -> String {
    format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"))
}

/// Every row of EXPECTED.tsv.
pub fn cases() -> Vec<Case> {
    let expected =
        std::fs::read_to_string(format!("{}/EXPECTED.tsv", dir())).expect("EXPECTED.tsv");
    let dash = |text: &str| (text != "-").then(|| text.to_string());
    expected
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 9, "nine columns in {line:?}");
            Case {
                file: cols[0].into(),
                verdict: cols[1].into(),
                failing: dash(cols[2])
                    .map(|f| f.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
                version: dash(cols[3]),
                status: cols[4].parse().expect("an HTTP status"),
                content_type: dash(cols[5]),
                miss: dash(cols[8]),
            }
        })
        .collect()
}

/// The body of `case`.
pub fn body(case: &Case) -> Vec<u8> {
    std::fs::read(format!("{}/bodies/{}", dir(), case.file))
        .unwrap_or_else(|e| panic!("{}: {e}", case.file))
}
