# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_healthprobe_global_optspecs
    string join \n expect-status= w/warning= c/critical= t/timeout= connect-timeout= max-body= health-format= status-word= status-path= component-path= ignore-component= noncritical= require-component= maintenance= expect-version= version-url= version-path= metric= assert= assert-warn= expect-header= expect-body= cert-warn= cert-crit= cacert= retries= retry-delay= retry-on= H/header= u/user= bearer-token-file= X/method= data= A/user-agent= host-header= resolve= cert= key= k/insecure tls-min= no-system-certs unix-socket= proxy= no-proxy max-redirects= no-follow http2-prior-knowledge tls-server-name= grpc-service= grpc-list= send= expect-banner= secret-header= config= j/concurrency= same-version dry-run wait= wait-for= wait-stable= interval= quorum= deadline= o/output= report= color= docker warning-is-unhealthy q/quiet explain v/verbose h/help V/version
end

function __fish_healthprobe_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_healthprobe_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_healthprobe_using_subcommand
    set -l cmd (__fish_healthprobe_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-status -d 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL, as a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s t -l timeout -d 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l max-body -d 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l health-format -d 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE with STATE one of ok, warning, critical, unknown, maintenance (DEGRADED=warning, IMPAIRED=critical; repeatable). It wins over every built-in vocabulary, in every format' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l status-path -d 'Read the document\'s own state at this JSONPath, for a document read wrongly (e.g. $.health.overall); the body is then read by the generic reader' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l component-path -d 'Take every value this JSONPath selects as a component (e.g. \'$.checks[*]\', \'$.services.*\'), instead of the components the reader finds; named by their name field or key' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l ignore-component -d 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l noncritical -d 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l require-component -d 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l maintenance -d 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-version -d 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\\.0[7-9])' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l version-url -d 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target\'s URL' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l version-path -d 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or \'JSONPATH exists\' / \'JSONPATH !exists\'; failing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-header -d 'The response must have header NAME with a value matching REGEX (\'NAME: REGEX\'; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cert-warn -d 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cert-crit -d 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l retries -d 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l retry-on -d 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s H -l header -d 'Send this header, \'Name: value\' (repeatable); @FILE reads one header per line' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s u -l user -d 'Basic authentication, USER[:PASSWORD]; without the password, HEALTHPROBE_PASSWORD gives it' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l bearer-token-file -d 'Bearer authentication with the token in FILE (HEALTHPROBE_BEARER_TOKEN gives it directly), so that the token is not on the command line where ps shows it' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l data -d 'Send this body (implies POST unless -X says otherwise); @FILE reads it from a file' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name, as curl\'s --resolve does (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l unix-socket -d 'Send the request over this Unix domain socket; the URL still gives the path and Host' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l tls-server-name -d 'Check the server name a TLS certificate must carry, instead of the URL\'s host: for a target reached by address (grpcs://10.0.0.5:443) or through a tunnel' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l grpc-service -d 'gRPC targets: ask grpc.health.v1 Check about this service (?service= in the URL wins) [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l grpc-list -d 'gRPC targets: ask List (every service becomes a component); =false asks Check only [default: List, and Check where the server does not implement List]' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l send -d 'tcp:// and tls:// targets: send TEXT once connected (\\r, \\n, \\t and \\\\ escapes)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-banner -d 'tcp:// and tls:// targets: read until what the server sends matches REGEX (a banner, +PONG); CRITICAL when it does not within the timeout' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l secret-header -d 'Treat this header as secret: its value is shown as *** everywhere (repeatable; Authorization, Cookie and *-Token style names always are)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l config -d 'Read targets and their settings from this TOML file (see the README for the schema)' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l wait -d 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l wait-for -d 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l wait-stable -d 'With --wait, require N consecutive healthy rounds (every target probed each round)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l interval -d 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l report -d 'Also write a report to a file, as FORMAT=PATH (json=report.json, junit=junit.xml); repeatable. Written whole or not at all (a temporary file renamed into place)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s certificate store'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c); HTTPS negotiates HTTP/2 anyway'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l same-version -d 'With several targets, make differing versions a WARNING that names who runs what'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l dry-run -d 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l explain -d 'Show how each body was read: the format chosen and the evidence for it, where each component\'s state and the version were found, and what was set aside as data'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s v -l verbose -d 'Also show each request, the response status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s V -l version -d 'Print version'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "demo" -d 'Serve a small sample service on 127.0.0.1 and probe it (healthy, slow and failing endpoints)'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "completions" -d 'Print the completion script for SHELL to stdout (bash, zsh, fish, powershell, elvish)'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "man" -d 'Print the man page (roff) to stdout'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "serve" -d 'Serve /probe (a Prometheus multi-target exporter, like blackbox_exporter\'s), /health (the config\'s targets, for a kubelet httpGet probe) and /metrics over HTTP, until stopped'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-status -d 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL, as a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s t -l timeout -d 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l max-body -d 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l health-format -d 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE with STATE one of ok, warning, critical, unknown, maintenance (DEGRADED=warning, IMPAIRED=critical; repeatable). It wins over every built-in vocabulary, in every format' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l status-path -d 'Read the document\'s own state at this JSONPath, for a document read wrongly (e.g. $.health.overall); the body is then read by the generic reader' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l component-path -d 'Take every value this JSONPath selects as a component (e.g. \'$.checks[*]\', \'$.services.*\'), instead of the components the reader finds; named by their name field or key' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l ignore-component -d 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l noncritical -d 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l require-component -d 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l maintenance -d 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-version -d 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\\.0[7-9])' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l version-url -d 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target\'s URL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l version-path -d 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or \'JSONPATH exists\' / \'JSONPATH !exists\'; failing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-header -d 'The response must have header NAME with a value matching REGEX (\'NAME: REGEX\'; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cert-warn -d 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cert-crit -d 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l retries -d 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l retry-on -d 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s H -l header -d 'Send this header, \'Name: value\' (repeatable); @FILE reads one header per line' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s u -l user -d 'Basic authentication, USER[:PASSWORD]; without the password, HEALTHPROBE_PASSWORD gives it' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l bearer-token-file -d 'Bearer authentication with the token in FILE (HEALTHPROBE_BEARER_TOKEN gives it directly), so that the token is not on the command line where ps shows it' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l data -d 'Send this body (implies POST unless -X says otherwise); @FILE reads it from a file' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name, as curl\'s --resolve does (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l unix-socket -d 'Send the request over this Unix domain socket; the URL still gives the path and Host' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l tls-server-name -d 'Check the server name a TLS certificate must carry, instead of the URL\'s host: for a target reached by address (grpcs://10.0.0.5:443) or through a tunnel' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l grpc-service -d 'gRPC targets: ask grpc.health.v1 Check about this service (?service= in the URL wins) [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l grpc-list -d 'gRPC targets: ask List (every service becomes a component); =false asks Check only [default: List, and Check where the server does not implement List]' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l send -d 'tcp:// and tls:// targets: send TEXT once connected (\\r, \\n, \\t and \\\\ escapes)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-banner -d 'tcp:// and tls:// targets: read until what the server sends matches REGEX (a banner, +PONG); CRITICAL when it does not within the timeout' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l secret-header -d 'Treat this header as secret: its value is shown as *** everywhere (repeatable; Authorization, Cookie and *-Token style names always are)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l config -d 'Read targets and their settings from this TOML file (see the README for the schema)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l wait -d 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l wait-for -d 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l wait-stable -d 'With --wait, require N consecutive healthy rounds (every target probed each round)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l interval -d 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l report -d 'Also write a report to a file, as FORMAT=PATH (json=report.json, junit=junit.xml); repeatable. Written whole or not at all (a temporary file renamed into place)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s certificate store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c); HTTPS negotiates HTTP/2 anyway'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l same-version -d 'With several targets, make differing versions a WARNING that names who runs what'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l dry-run -d 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l explain -d 'Show how each body was read: the format chosen and the evidence for it, where each component\'s state and the version were found, and what was set aside as data'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s v -l verbose -d 'Also show each request, the response status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-status -d 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL, as a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s t -l timeout -d 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l max-body -d 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l health-format -d 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE with STATE one of ok, warning, critical, unknown, maintenance (DEGRADED=warning, IMPAIRED=critical; repeatable). It wins over every built-in vocabulary, in every format' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l status-path -d 'Read the document\'s own state at this JSONPath, for a document read wrongly (e.g. $.health.overall); the body is then read by the generic reader' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l component-path -d 'Take every value this JSONPath selects as a component (e.g. \'$.checks[*]\', \'$.services.*\'), instead of the components the reader finds; named by their name field or key' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l ignore-component -d 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l noncritical -d 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l require-component -d 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l maintenance -d 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-version -d 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\\.0[7-9])' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l version-url -d 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target\'s URL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l version-path -d 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or \'JSONPATH exists\' / \'JSONPATH !exists\'; failing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-header -d 'The response must have header NAME with a value matching REGEX (\'NAME: REGEX\'; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cert-warn -d 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cert-crit -d 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l retries -d 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l retry-on -d 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s H -l header -d 'Send this header, \'Name: value\' (repeatable); @FILE reads one header per line' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s u -l user -d 'Basic authentication, USER[:PASSWORD]; without the password, HEALTHPROBE_PASSWORD gives it' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l bearer-token-file -d 'Bearer authentication with the token in FILE (HEALTHPROBE_BEARER_TOKEN gives it directly), so that the token is not on the command line where ps shows it' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l data -d 'Send this body (implies POST unless -X says otherwise); @FILE reads it from a file' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name, as curl\'s --resolve does (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l unix-socket -d 'Send the request over this Unix domain socket; the URL still gives the path and Host' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l tls-server-name -d 'Check the server name a TLS certificate must carry, instead of the URL\'s host: for a target reached by address (grpcs://10.0.0.5:443) or through a tunnel' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l grpc-service -d 'gRPC targets: ask grpc.health.v1 Check about this service (?service= in the URL wins) [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l grpc-list -d 'gRPC targets: ask List (every service becomes a component); =false asks Check only [default: List, and Check where the server does not implement List]' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l send -d 'tcp:// and tls:// targets: send TEXT once connected (\\r, \\n, \\t and \\\\ escapes)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-banner -d 'tcp:// and tls:// targets: read until what the server sends matches REGEX (a banner, +PONG); CRITICAL when it does not within the timeout' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l secret-header -d 'Treat this header as secret: its value is shown as *** everywhere (repeatable; Authorization, Cookie and *-Token style names always are)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l config -d 'Read targets and their settings from this TOML file (see the README for the schema)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l wait -d 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l wait-for -d 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l wait-stable -d 'With --wait, require N consecutive healthy rounds (every target probed each round)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l interval -d 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l report -d 'Also write a report to a file, as FORMAT=PATH (json=report.json, junit=junit.xml); repeatable. Written whole or not at all (a temporary file renamed into place)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s certificate store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c); HTTPS negotiates HTTP/2 anyway'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l same-version -d 'With several targets, make differing versions a WARNING that names who runs what'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l dry-run -d 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l explain -d 'Show how each body was read: the format chosen and the evidence for it, where each component\'s state and the version were found, and what was set aside as data'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s v -l verbose -d 'Also show each request, the response status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-status -d 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL, as a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s t -l timeout -d 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l max-body -d 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l health-format -d 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE with STATE one of ok, warning, critical, unknown, maintenance (DEGRADED=warning, IMPAIRED=critical; repeatable). It wins over every built-in vocabulary, in every format' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l status-path -d 'Read the document\'s own state at this JSONPath, for a document read wrongly (e.g. $.health.overall); the body is then read by the generic reader' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l component-path -d 'Take every value this JSONPath selects as a component (e.g. \'$.checks[*]\', \'$.services.*\'), instead of the components the reader finds; named by their name field or key' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l ignore-component -d 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l noncritical -d 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l require-component -d 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l maintenance -d 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-version -d 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\\.0[7-9])' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l version-url -d 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target\'s URL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l version-path -d 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or \'JSONPATH exists\' / \'JSONPATH !exists\'; failing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-header -d 'The response must have header NAME with a value matching REGEX (\'NAME: REGEX\'; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cert-warn -d 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cert-crit -d 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l retries -d 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l retry-on -d 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s H -l header -d 'Send this header, \'Name: value\' (repeatable); @FILE reads one header per line' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s u -l user -d 'Basic authentication, USER[:PASSWORD]; without the password, HEALTHPROBE_PASSWORD gives it' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l bearer-token-file -d 'Bearer authentication with the token in FILE (HEALTHPROBE_BEARER_TOKEN gives it directly), so that the token is not on the command line where ps shows it' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l data -d 'Send this body (implies POST unless -X says otherwise); @FILE reads it from a file' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name, as curl\'s --resolve does (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l unix-socket -d 'Send the request over this Unix domain socket; the URL still gives the path and Host' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l tls-server-name -d 'Check the server name a TLS certificate must carry, instead of the URL\'s host: for a target reached by address (grpcs://10.0.0.5:443) or through a tunnel' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l grpc-service -d 'gRPC targets: ask grpc.health.v1 Check about this service (?service= in the URL wins) [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l grpc-list -d 'gRPC targets: ask List (every service becomes a component); =false asks Check only [default: List, and Check where the server does not implement List]' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l send -d 'tcp:// and tls:// targets: send TEXT once connected (\\r, \\n, \\t and \\\\ escapes)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-banner -d 'tcp:// and tls:// targets: read until what the server sends matches REGEX (a banner, +PONG); CRITICAL when it does not within the timeout' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l secret-header -d 'Treat this header as secret: its value is shown as *** everywhere (repeatable; Authorization, Cookie and *-Token style names always are)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l config -d 'Read targets and their settings from this TOML file (see the README for the schema)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l wait -d 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l wait-for -d 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l wait-stable -d 'With --wait, require N consecutive healthy rounds (every target probed each round)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l interval -d 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l report -d 'Also write a report to a file, as FORMAT=PATH (json=report.json, junit=junit.xml); repeatable. Written whole or not at all (a temporary file renamed into place)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s certificate store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c); HTTPS negotiates HTTP/2 anyway'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l same-version -d 'With several targets, make differing versions a WARNING that names who runs what'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l dry-run -d 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l explain -d 'Show how each body was read: the format chosen and the evidence for it, where each component\'s state and the version were found, and what was set aside as data'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s v -l verbose -d 'Also show each request, the response status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l listen -d 'Listen on this address [default: 127.0.0.1:9468; the [serve] table\'s `listen`]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l max-in-flight -d 'At most N probes at once; a probe beyond waits within its scrape timeout, then gets 429 [default: 64]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l health-cache -d 'How long /health reuses a verdict before probing the targets again [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-user -d 'Require basic authentication with this user on every endpoint; the password is HEALTHPROBE_WEB_PASSWORD when not given here' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-bearer-token-file -d 'Require a bearer token on every endpoint: the one in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-tls-cert -d 'Serve HTTPS with this certificate chain (PEM, leaf first); needs --web-tls-key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-tls-key -d 'The private key (PEM) of --web-tls-cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-status -d 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL, as a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s t -l timeout -d 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l max-body -d 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l health-format -d 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE with STATE one of ok, warning, critical, unknown, maintenance (DEGRADED=warning, IMPAIRED=critical; repeatable). It wins over every built-in vocabulary, in every format' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l status-path -d 'Read the document\'s own state at this JSONPath, for a document read wrongly (e.g. $.health.overall); the body is then read by the generic reader' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l component-path -d 'Take every value this JSONPath selects as a component (e.g. \'$.checks[*]\', \'$.services.*\'), instead of the components the reader finds; named by their name field or key' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l ignore-component -d 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l noncritical -d 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l require-component -d 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l maintenance -d 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-version -d 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\\.0[7-9])' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l version-url -d 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target\'s URL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l version-path -d 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or \'JSONPATH exists\' / \'JSONPATH !exists\'; failing is CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-header -d 'The response must have header NAME with a value matching REGEX (\'NAME: REGEX\'; repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cert-warn -d 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cert-crit -d 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l retries -d 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l retry-on -d 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s H -l header -d 'Send this header, \'Name: value\' (repeatable); @FILE reads one header per line' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s u -l user -d 'Basic authentication, USER[:PASSWORD]; without the password, HEALTHPROBE_PASSWORD gives it' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l bearer-token-file -d 'Bearer authentication with the token in FILE (HEALTHPROBE_BEARER_TOKEN gives it directly), so that the token is not on the command line where ps shows it' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l data -d 'Send this body (implies POST unless -X says otherwise); @FILE reads it from a file' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name, as curl\'s --resolve does (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l unix-socket -d 'Send the request over this Unix domain socket; the URL still gives the path and Host' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l tls-server-name -d 'Check the server name a TLS certificate must carry, instead of the URL\'s host: for a target reached by address (grpcs://10.0.0.5:443) or through a tunnel' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l grpc-service -d 'gRPC targets: ask grpc.health.v1 Check about this service (?service= in the URL wins) [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l grpc-list -d 'gRPC targets: ask List (every service becomes a component); =false asks Check only [default: List, and Check where the server does not implement List]' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l send -d 'tcp:// and tls:// targets: send TEXT once connected (\\r, \\n, \\t and \\\\ escapes)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-banner -d 'tcp:// and tls:// targets: read until what the server sends matches REGEX (a banner, +PONG); CRITICAL when it does not within the timeout' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l secret-header -d 'Treat this header as secret: its value is shown as *** everywhere (repeatable; Authorization, Cookie and *-Token style names always are)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l config -d 'Read targets and their settings from this TOML file (see the README for the schema)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l wait -d 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l wait-for -d 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l wait-stable -d 'With --wait, require N consecutive healthy rounds (every target probed each round)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l interval -d 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l report -d 'Also write a report to a file, as FORMAT=PATH (json=report.json, junit=junit.xml); repeatable. Written whole or not at all (a temporary file renamed into place)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l allow-any-target -d 'Let /probe probe any target, not only the allow-list\'s: an open proxy, only behind authentication or on a trusted network'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s certificate store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c); HTTPS negotiates HTTP/2 anyway'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l same-version -d 'With several targets, make differing versions a WARNING that names who runs what'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l dry-run -d 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l explain -d 'Show how each body was read: the format chosen and the evidence for it, where each component\'s state and the version were found, and what was set aside as data'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s v -l verbose -d 'Also show each request, the response status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help; and not __fish_seen_subcommand_from demo completions man serve help" -f -a "demo" -d 'Serve a small sample service on 127.0.0.1 and probe it (healthy, slow and failing endpoints)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help; and not __fish_seen_subcommand_from demo completions man serve help" -f -a "completions" -d 'Print the completion script for SHELL to stdout (bash, zsh, fish, powershell, elvish)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help; and not __fish_seen_subcommand_from demo completions man serve help" -f -a "man" -d 'Print the man page (roff) to stdout'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help; and not __fish_seen_subcommand_from demo completions man serve help" -f -a "serve" -d 'Serve /probe (a Prometheus multi-target exporter, like blackbox_exporter\'s), /health (the config\'s targets, for a kubelet httpGet probe) and /metrics over HTTP, until stopped'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help; and not __fish_seen_subcommand_from demo completions man serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
