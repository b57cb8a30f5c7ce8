//! gRPC targets end to end against real gRPC health servers that healthprobe did not write:
//! tonic's health service (which lacks `List`) and grpcio's (gRPC's C core, with `List`).

use tonic_health::ServingStatus::{NotServing, Serving, Unknown};

use crate::common::grpc::{GrpcioHealth, Setup, TonicHealth};
use crate::common::*;

fn tonic(services: &[(&str, tonic_health::ServingStatus)]) -> TonicHealth {
    TonicHealth::start(Setup {
        services,
        ..Setup::default()
    })
}

#[test]
fn a_serving_server_is_ok_and_says_how_it_was_asked() {
    let server = tonic(&[]);
    let run = run(&["-v", &server.url("grpc")]);
    run.code(0).stdout_has(&["OK", "gRPC OK"]);
    // tonic does not implement List: healthprobe falls back to Check on the same server.
    run.output_has(&["grpc.health.v1.Health/Check"]);
}

#[test]
fn a_server_not_serving_is_critical() {
    let server = TonicHealth::start(Setup {
        server: Some(NotServing),
        ..Setup::default()
    });
    run(&[&server.url("grpc")])
        .code(2)
        .stdout_has(&["CRITICAL", "NOT_SERVING"]);
}

#[test]
fn a_server_in_unknown_state_is_unknown() {
    let server = TonicHealth::start(Setup {
        server: Some(Unknown),
        ..Setup::default()
    });
    run(&[&server.url("grpc")]).code(3).stdout_has(&["UNKNOWN"]);
}

#[test]
fn one_service_is_checked_by_flag_or_by_query_and_named_when_it_fails() {
    let server = tonic(&[("orders", NotServing), ("billing", Serving)]);
    run(&["--grpc-service", "billing", &server.url("grpc")]).code(0);
    run(&["--grpc-service", "orders", &server.url("grpc")])
        .code(2)
        .stdout_has(&["orders", "NOT_SERVING"]);
    let url = format!("{}?service=orders", server.url("grpc"));
    run(&["--grpc-service", "billing", &url])
        .code(2)
        .stdout_has(&["orders NOT_SERVING"]);
}

#[test]
fn a_service_the_server_does_not_know_is_critical_and_named() {
    let server = tonic(&[("orders", Serving)]);
    run(&["--grpc-service", "ghost", &server.url("grpc")])
        .code(2)
        .stdout_has(&["NOT_FOUND", "'ghost'", "SERVICE_UNKNOWN"]);
}

#[test]
fn list_makes_every_service_a_component_and_component_rules_apply() {
    let server = GrpcioHealth::start(&["=SERVING", "orders=NOT_SERVING", "billing=SERVING"]);
    let run_ = run(&["-v", &server.url()]);
    run_.code(2)
        .stdout_has(&["orders NOT_SERVING"])
        .output_has(&["grpc.health.v1.Health/List"]);
    run(&["--noncritical", "orders", &server.url()])
        .code(1)
        .stdout_has(&["WARNING", "orders"]);
    run(&["--ignore-component", "orders", &server.url()]).code(0);
    run(&["--require-component", "payments", &server.url()])
        .code(2)
        .stdout_has(&["payments"]);
    run(&[
        "--require-component",
        "billing",
        "--ignore-component",
        "orders",
        &server.url(),
    ])
    .code(0);
}

#[test]
fn grpc_list_on_a_server_without_list_says_so_and_how_to_ask_check() {
    let server = tonic(&[]);
    run(&["--grpc-list", &server.url("grpc")])
        .code(2)
        .stdout_has(&["UNIMPLEMENTED", "List", "drop --grpc-list"]);
    run(&["--grpc-list=false", &server.url("grpc")]).code(0);
}
