//! Layering option sets: built-in defaults < `[defaults]` < `[[target]]` or `[module.NAME]` <
//! environment < command line; lists add up.

use crate::cli::TargetOptions;

/// `over` on top of `base`: a value given in `over` replaces the one in `base`; repeatable
/// options (rules, component patterns) add up, so a command-line `--assert` joins those of the
/// config file instead of hiding them.
pub(crate) fn layer(base: TargetOptions, over: TargetOptions) -> TargetOptions {
    fn join<T>(mut base: Vec<T>, over: Vec<T>) -> Vec<T> {
        base.extend(over);
        base
    }
    TargetOptions {
        expect_status: over.expect_status.or(base.expect_status),
        warning: over.warning.or(base.warning),
        critical: over.critical.or(base.critical),
        timeout: over.timeout.or(base.timeout),
        connect_timeout: over.connect_timeout.or(base.connect_timeout),
        max_body: over.max_body.or(base.max_body),
        health_format: over.health_format.or(base.health_format),
        status_word: join(base.status_word, over.status_word),
        status_path: over.status_path.or(base.status_path),
        component_path: over.component_path.or(base.component_path),
        ignore_component: join(base.ignore_component, over.ignore_component),
        noncritical: join(base.noncritical, over.noncritical),
        require_component: join(base.require_component, over.require_component),
        maintenance: over.maintenance.or(base.maintenance),
        expect_version: over.expect_version.or(base.expect_version),
        version_url: over.version_url.or(base.version_url),
        version_path: over.version_path.or(base.version_path),
        metric: join(base.metric, over.metric),
        assert: join(base.assert, over.assert),
        assert_warn: join(base.assert_warn, over.assert_warn),
        expect_header: join(base.expect_header, over.expect_header),
        expect_body: join(base.expect_body, over.expect_body),
        cert_warn: over.cert_warn.or(base.cert_warn),
        cert_crit: over.cert_crit.or(base.cert_crit),
        cacert: over.cacert.or(base.cacert),
        retries: over.retries.or(base.retries),
        retry_delay: over.retry_delay.or(base.retry_delay),
        retry_on: over.retry_on.or(base.retry_on),
        header: join(base.header, over.header),
        user: over.user.or(base.user),
        bearer_token_file: over.bearer_token_file.or(base.bearer_token_file),
        method: over.method.or(base.method),
        data: over.data.or(base.data),
        user_agent: over.user_agent.or(base.user_agent),
        host_header: over.host_header.or(base.host_header),
        resolve: join(base.resolve, over.resolve),
        cert: over.cert.or(base.cert),
        key: over.key.or(base.key),
        insecure: over.insecure.or(base.insecure),
        tls_min: over.tls_min.or(base.tls_min),
        no_system_certs: over.no_system_certs.or(base.no_system_certs),
        unix_socket: over.unix_socket.or(base.unix_socket),
        proxy: over.proxy.or(base.proxy),
        no_proxy: over.no_proxy.or(base.no_proxy),
        max_redirects: over.max_redirects.or(base.max_redirects),
        no_follow: over.no_follow.or(base.no_follow),
        http2_prior_knowledge: over.http2_prior_knowledge.or(base.http2_prior_knowledge),
        secret_header: join(base.secret_header, over.secret_header),
        secret_query: join(base.secret_query, over.secret_query),
        tls_server_name: over.tls_server_name.or(base.tls_server_name),
        grpc_service: over.grpc_service.or(base.grpc_service),
        grpc_list: over.grpc_list.or(base.grpc_list),
        send: over.send.or(base.send),
        expect_banner: over.expect_banner.or(base.expect_banner),
    }
}
