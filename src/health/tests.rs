//! Detection and dispatch over whole bodies: formats, markup, malformed JSON, bounds.

use std::time::Instant;

use super::*;

fn auto(content_type: Option<&str>, status: u16, body: &[u8]) -> Interpretation {
    interpret(content_type, status, body, FormatChoice::Auto)
}

#[test]
fn format_names_round_trip() {
    let mut seen = std::collections::HashSet::new();
    for format in Format::all() {
        assert_eq!(Format::from_name(format.name()), Some(format));
        assert!(seen.insert(format.name()));
        assert_eq!(format.to_string(), format.name());
    }
    assert_eq!(Format::all().count(), 16);
    assert_eq!(Format::from_name(" Spring-Boot "), Some(Format::SpringBoot));
    assert_eq!(Format::from_name("health-json"), Some(Format::HealthJson));
    assert_eq!(Format::from_name("nope"), None);
}

#[test]
fn health_order() {
    assert_eq!(Health::Ok.worst(Health::Unknown), Health::Unknown);
    assert_eq!(Health::Warning.worst(Health::Unknown), Health::Warning);
    assert_eq!(
        Health::Critical.worst(Health::Maintenance),
        Health::Critical
    );
    assert_eq!(
        Health::worst_known([Health::Ok, Health::Unknown]),
        Health::Ok
    );
    assert_eq!(Health::worst_known([Health::Unknown]), Health::Unknown);
    assert_eq!(Health::worst_known([]), Health::Unknown);
}

#[test]
fn detection_disabled() {
    let out = interpret(
        Some("application/json"),
        200,
        br#"{"status":"UP"}"#,
        FormatChoice::None,
    );
    assert_eq!(
        out,
        Interpretation::Unrecognised("health format detection disabled".into())
    );
}

#[test]
fn html_error_page_with_200() {
    let page =
        b"\n<!DOCTYPE html>\n<html><head><title>Bad gateway</title></head><body>oops</body></html>";
    let out = auto(Some("text/html; charset=utf-8"), 200, page);
    assert_eq!(
        out,
        Interpretation::Unrecognised("body is HTML, not a health document".into())
    );
    // Under a JSON Content-Type the service did not send the JSON it announced: malformed,
    // so CRITICAL even with HTTP 200 (a proxy's error page in front of the service).
    let out = auto(Some("application/json"), 200, page);
    assert!(
        matches!(out, Interpretation::Malformed(ref why) if why.contains("HTML") && why.contains("Content-Type says JSON")),
        "{out:?}"
    );
    let out = auto(
        Some("application/xml"),
        200,
        b"<?xml version=\"1.0\"?><health/>",
    );
    assert_eq!(
        out,
        Interpretation::Unrecognised("body is XML, not a health document".into())
    );
}

#[test]
fn malformed_json_names_the_position() {
    let out = auto(
        Some("application/json"),
        200,
        b"{\"status\": \"UP\",\n \"x\": }",
    );
    let Interpretation::Malformed(why) = out else {
        panic!("{out:?}")
    };
    assert!(why.contains("line 2 column"), "{why}");
    assert!(!why.contains('\n'));
    // A body that starts like JSON claims to be JSON whatever the Content-Type.
    let out = auto(Some("text/plain"), 200, b"[1, 2");
    assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
    // A JSON Content-Type on a body that is neither JSON nor a known text format.
    let out = auto(Some("application/json"), 200, b"service is fine");
    assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
}

#[test]
fn json_content_type_on_a_known_text_body() {
    let out = auto(Some("application/json"), 200, b"Healthy");
    assert!(matches!(
        out,
        Interpretation::Doc(HealthDoc {
            format: Format::AspNetText,
            ..
        })
    ));
    // A JSON string holding a status word.
    let out = auto(Some("application/json"), 503, b"\"Unhealthy\"");
    assert!(matches!(
        out,
        Interpretation::Doc(HealthDoc {
            format: Format::AspNetText,
            health: Health::Critical,
            ..
        })
    ));
}

#[test]
fn empty_and_blank_bodies() {
    for body in [&b""[..], b"   \r\n\t", b"\xef\xbb\xbf "] {
        assert_eq!(
            auto(Some("application/json"), 204, body),
            Interpretation::Unrecognised("empty body".into())
        );
    }
    assert!(matches!(
        interpret(None, 200, b"", FormatChoice::Forced(Format::SpringBoot)),
        Interpretation::Unrecognised(_)
    ));
}

#[test]
fn bom_is_ignored() {
    let out = auto(
        Some("application/json"),
        200,
        b"\xef\xbb\xbf{\"status\":\"UP\"}",
    );
    assert!(matches!(
        out,
        Interpretation::Doc(HealthDoc {
            format: Format::SpringBoot,
            ..
        })
    ));
}

#[test]
fn scalars_and_null() {
    for body in [&b"null"[..], b"true", b"42"] {
        assert!(matches!(
            auto(Some("application/json"), 200, body),
            Interpretation::Unrecognised(_)
        ));
    }
}

#[test]
fn invalid_utf8_never_panics() {
    let bodies: [&[u8]; 6] = [
        b"\xff\xfe\xfd",
        b"{\"status\":\"\xff\"}",
        b"ok\xc3",
        b"[+]p\xe2\x82 ok\n[-]q\xff failed: \xc0\nhealthz check failed",
        b"\x80Healthy",
        b"\"\xff\"",
    ];
    for body in bodies {
        for choice in [FormatChoice::Auto, FormatChoice::Forced(Format::Kubernetes)] {
            let _ = interpret(Some("text/plain"), 500, body, choice);
            let _ = interpret(Some("application/json"), 200, body, choice);
            let _ = interpret(None, 200, body, choice);
        }
    }
    let out = auto(Some("application/json"), 200, b"{\"status\":\"\xff\"}");
    assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
    let out = auto(
        Some("text/plain"),
        500,
        b"[+]p\xe2\x82 ok\n[-]q\xff failed: x\nhealthz check failed",
    );
    let Interpretation::Doc(doc) = out else {
        panic!("{out:?}")
    };
    assert_eq!(doc.health, Health::Critical);
    assert_eq!(doc.components.len(), 2);
}

#[test]
fn deep_nesting_is_malformed_not_a_crash() {
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let body = format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
        let out = auto(Some("application/json"), 200, body.as_bytes());
        assert!(matches!(out, Interpretation::Malformed(_)), "{out:?}");
    }
    // Deep but within serde_json's limit: every walker stops at MAX_DEPTH.
    let depth = 120;
    let body = format!(
        "{}{{\"status\":\"down\"}}{}",
        "{\"status\":\"up\",\"x\":".repeat(depth),
        "}".repeat(depth)
    );
    for format in Format::all() {
        let _ = interpret(None, 200, body.as_bytes(), FormatChoice::Forced(format));
    }
    let Interpretation::Doc(doc) = auto(None, 200, body.as_bytes()) else {
        panic!()
    };
    let mut levels = 0;
    let mut level = &doc.components;
    while let Some(first) = level.first() {
        levels += 1;
        level = &first.children;
    }
    assert!(levels <= MAX_DEPTH + 1, "{levels}");
    let deep_array = format!(
        "{}{{\"status\":\"down\"}}{}",
        "[".repeat(120),
        "]".repeat(120)
    );
    for format in Format::all() {
        let _ = interpret(
            None,
            200,
            deep_array.as_bytes(),
            FormatChoice::Forced(format),
        );
    }
}

#[test]
fn a_hundred_thousand_components_is_fast() {
    let started = Instant::now();
    let mut body = String::from("{\"status\":\"UP\",\"components\":{");
    for index in 0..100_000 {
        if index > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            "\"c{index}\":{{\"status\":\"DOWN\",\"details\":{{\"error\":\"e\"}}}}"
        ));
    }
    body.push_str("}}");
    let Interpretation::Doc(doc) = auto(Some("application/json"), 200, body.as_bytes()) else {
        panic!()
    };
    // The first failing ones are kept; the rest are counted, by state.
    assert_eq!(doc.components.len(), MAX_KEPT_FAILING);
    assert_eq!(doc.unkept.failing(), 100_000 - MAX_KEPT_FAILING);
    // Other shapes with 100,000 entries, auto and forced.
    let dropwizard = format!(
        "{{{}}}",
        (0..100_000)
            .map(|i| format!("\"c{i}\":{{\"healthy\":false}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let Interpretation::Doc(doc) = auto(None, 500, dropwizard.as_bytes()) else {
        panic!()
    };
    assert_eq!(
        (doc.format, doc.components.len(), doc.unkept.total()),
        (
            Format::Dropwizard,
            MAX_KEPT_FAILING,
            100_000 - MAX_KEPT_FAILING
        )
    );
    let array = format!(
        "[{}]",
        (0..100_000)
            .map(|i| format!("{{\"CheckID\":\"c{i}\",\"Status\":\"passing\",\"Node\":\"n{i}\"}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let Interpretation::Doc(doc) = auto(None, 200, array.as_bytes()) else {
        panic!()
    };
    assert_eq!(
        (doc.format, doc.components.len(), doc.unkept.total()),
        (Format::Consul, MAX_KEPT_HEALTHY, 100_000 - MAX_KEPT_HEALTHY)
    );
    // Every parser, forced, on a 10,000-component body (serde_json alone takes most of a
    // second for the large ones in a debug build).
    let small = format!(
        "{{\"status\":\"up\",\"checks\":[{}]}}",
        (0..10_000)
            .map(|i| format!("{{\"id\":\"c{i}\",\"name\":\"c{i}\",\"status\":\"down\"}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    for format in Format::all() {
        let _ = interpret(None, 200, small.as_bytes(), FormatChoice::Forced(format));
    }
    let lines: String = (0..100_000).map(|i| format!("[+]check/{i} ok\n")).collect();
    let Interpretation::Doc(doc) = auto(Some("text/plain"), 200, lines.as_bytes()) else {
        panic!()
    };
    assert_eq!(
        (doc.components.len(), doc.unkept.total()),
        (MAX_KEPT_HEALTHY, 100_000 - MAX_KEPT_HEALTHY)
    );
    // No tight bound (debug builds and busy CI machines vary): this only catches something
    // quadratic.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn forced_format() {
    // Forcing reads the body with that parser only, even against the shape's own format.
    let body = br#"{"status":"up","details":{"x":{"status":"down"}}}"#;
    let Interpretation::Doc(doc) =
        interpret(None, 200, body, FormatChoice::Forced(Format::SpringBoot))
    else {
        panic!()
    };
    assert_eq!(doc.format, Format::SpringBoot);
    assert_eq!(doc.components[0].health, Health::Critical);
    // A body that does not fit names the format.
    let out = interpret(
        None,
        200,
        br#"{"status":"UP"}"#,
        FormatChoice::Forced(Format::Dropwizard),
    );
    let Interpretation::Unrecognised(why) = out else {
        panic!("{out:?}")
    };
    assert!(why.contains("dropwizard"), "{why}");
    let out = interpret(None, 200, b"ok", FormatChoice::Forced(Format::HealthJson));
    assert!(matches!(out, Interpretation::Unrecognised(ref why) if why.contains("health-json")));
    let out = interpret(
        None,
        200,
        br#"{"status":"UP"}"#,
        FormatChoice::Forced(Format::Kubernetes),
    );
    assert!(matches!(out, Interpretation::Unrecognised(ref why) if why.contains("kubernetes")));
    // Malformed JSON stays malformed when forced.
    let out = interpret(None, 200, b"{oops", FormatChoice::Forced(Format::Generic));
    assert!(matches!(out, Interpretation::Malformed(_)));
    // Forcing a text format reads text.
    let Interpretation::Doc(doc) = interpret(
        Some("text/plain"),
        200,
        b"Degraded",
        FormatChoice::Forced(Format::AspNetText),
    ) else {
        panic!()
    };
    assert_eq!(doc.health, Health::Warning);
}

#[test]
fn unknown_plain_text() {
    assert_eq!(
        auto(Some("text/plain"), 200, b"Everything is awesome\nreally"),
        Interpretation::Unrecognised("plain-text body is not a known health format".into())
    );
}

/// Runs every published reference body (shared/reference/health-bodies, outside the project)
/// and compares with its EXPECTED.tsv. Skipped when the folder is absent:
/// `cargo test reference -- --ignored --nocapture`.
#[test]
#[ignore]
fn reference_bodies() {
    let root = std::env::var("HEALTHPROBE_REFERENCE_BODIES").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/reference/health-bodies"
        )
        .into()
    });
    let Ok(dirs) = std::fs::read_dir(&root) else {
        println!("no reference bodies at {root}; skipped");
        return;
    };
    let mut dirs: Vec<_> = dirs.filter_map(Result::ok).map(|d| d.path()).collect();
    dirs.sort();
    let (mut matched, mut total, mut mismatches) = (0, 0, Vec::new());
    for dir in dirs {
        let Ok(expected) = std::fs::read_to_string(dir.join("EXPECTED.tsv")) else {
            continue;
        };
        for line in expected.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [file, verdict, failing, version, http, content_type] = cols[..] else {
                panic!("bad line {line:?}");
            };
            total += 1;
            let http: u16 = http.parse().unwrap_or(0);
            let body = std::fs::read(dir.join(file)).unwrap_or_default();
            let out = interpret(Some(content_type), http, &body, FormatChoice::Auto);
            let folder = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Interpretation::Doc(doc) = &out else {
                mismatches.push(format!("{folder}/{file}: {out:?}"));
                continue;
            };
            let http_health = if http >= 500 {
                Health::Critical
            } else if http == 429 && doc.format == Format::Consul {
                Health::Warning
            } else {
                Health::Ok
            };
            let top = match doc.health {
                Health::Maintenance => Health::Critical,
                other => other,
            };
            let mut failing_found = Vec::new();
            let mut worst = top.worst(http_health);
            fn leaves(
                prefix: &str,
                components: &[Component],
                worst: &mut Health,
                out: &mut Vec<String>,
            ) {
                for c in components {
                    let path = if prefix.is_empty() {
                        c.name.clone()
                    } else {
                        format!("{prefix}/{}", c.name)
                    };
                    if c.health != Health::Unknown {
                        *worst = worst.worst(if c.health == Health::Maintenance {
                            Health::Critical
                        } else {
                            c.health
                        });
                    }
                    if c.children.is_empty() {
                        if !matches!(c.health, Health::Ok | Health::Unknown) && !out.contains(&path)
                        {
                            out.push(path);
                        }
                    } else {
                        leaves(&path, &c.children, worst, out);
                    }
                }
            }
            leaves("", &doc.components, &mut worst, &mut failing_found);
            failing_found.sort();
            let verdict_found = match worst {
                Health::Ok => "OK",
                Health::Warning => "WARNING",
                Health::Critical | Health::Maintenance => "CRITICAL",
                Health::Unknown | Health::Unrecognised => "UNKNOWN",
            };
            let mut failing_expected: Vec<String> = if failing == "-" {
                Vec::new()
            } else {
                failing.split(',').map(str::to_string).collect()
            };
            failing_expected.sort();
            let version_expected = (version != "-").then(|| version.to_string());
            let ok = verdict_found == verdict
                && failing_found == failing_expected
                && doc.version == version_expected;
            println!(
                "{} {folder}/{file}: format {} verdict {verdict_found} (expected {verdict}), failing {failing_found:?} (expected {failing_expected:?}), version {:?} (expected {version_expected:?})",
                if ok { "MATCH   " } else { "MISMATCH" },
                doc.format,
                doc.version,
            );
            if ok {
                matched += 1;
            } else {
                mismatches.push(format!("{folder}/{file}"));
            }
        }
    }
    println!("{matched}/{total} reference bodies match");
    assert!(mismatches.is_empty(), "mismatches: {mismatches:#?}");
}

#[test]
fn trouble_a_known_reader_does_not_read_is_added_from_the_generic_reading() {
    use crate::health::testing::json;
    for (body, format, part) in [
        (
            r#"{"status":"ok","details":{"db":"down"}}"#,
            Format::Terminus,
            "db",
        ),
        (
            r#"{"status":"OK","component":{"name":"x","version":"1"},"database":"down"}"#,
            Format::HelloFresh,
            "database",
        ),
        (
            r#"{"status":"pass","checks":{"db:ping":[{"status":"pass"}]},"alarms":["disk-full"]}"#,
            Format::HealthJson,
            "disk-full",
        ),
    ] {
        let doc = json(200, body);
        assert_eq!(doc.format, format, "{body}");
        let added = doc
            .components
            .iter()
            .find(|c| c.name == part)
            .unwrap_or_else(|| panic!("{part} not added: {:?}", doc.components));
        assert_eq!(added.health, Health::Critical, "{body}");
        assert_eq!(added.origin.rule, "outside the format's structure");
    }
    // What the known reader read is not read twice.
    let doc = json(
        503,
        r#"{"AggregatedStatus":"critical","Checks":[{"CheckID":"web","Status":"critical"}]}"#,
    );
    assert_eq!(doc.components.len(), 1, "{:?}", doc.components);
    let doc = json(
        200,
        r#"{"status":"UP","components":{"db":{"status":"DOWN","details":{"error":"refused"}}}}"#,
    );
    assert_eq!(doc.components.len(), 1, "{:?}", doc.components);
}

#[test]
fn a_repeated_key_note_keeps_the_reason_within_bounds() {
    // Found by the `health` fuzz target: the note about a repeated key was added to a reason
    // already at its longest.
    let long = format!("JetStream stream {} is not current", ".".repeat(190));
    let body = format!(
        r#"{{"status":"error","errors":[{{"type":"STREAM","error":"short","error":"{long}"}}]}}"#
    );
    let out = auto(Some("application/json"), 503, body.as_bytes());
    let Interpretation::Doc(doc) = out else {
        panic!("{out:?}")
    };
    let reason = doc.reason.unwrap_or_default();
    assert!(reason.chars().count() <= MAX_REASON_CHARS, "{reason:?}");
    assert!(reason.ends_with("(the body repeats a key; the worse of its two readings is used)"));
}

#[test]
fn of_two_readings_of_a_repeated_key_the_one_whose_uncounted_components_fail_is_the_worse() {
    // The first `components` holds 300 degraded parts and a DOWN one past the kept failing
    // ones; the second holds one degraded part. Only the count says the first is worse.
    let mut first: Vec<String> = (0..300)
        .map(|i| format!("\"d{i:03}\":{{\"status\":\"DEGRADED\"}}"))
        .collect();
    first.push("\"db\":{\"status\":\"DOWN\"}".into());
    let body = format!(
        "{{\"status\":\"UP\",\"components\":{{{}}},\"components\":{{\"x\":{{\"status\":\"DEGRADED\"}}}}}}",
        first.join(",")
    );
    let Interpretation::Doc(doc) = auto(Some("application/json"), 200, body.as_bytes()) else {
        panic!()
    };
    assert_eq!(doc.unkept.worst(), Some(Health::Critical));
    assert_eq!(doc.unkept.failing(), 300 + 1 - MAX_KEPT_FAILING);
}
