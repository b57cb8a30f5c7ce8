# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_healthprobe_global_optspecs
    string join \n config= expect-status= w/warning= c/critical= t/timeout= connect-timeout= max-body= health-format= status-word= status-path= component-path= ignore-component= noncritical= require-component= maintenance= expect-version= version-url= version-path= metric= assert= assert-warn= expect-header= expect-body= expect-banner= H/header= u/user= bearer-token-file= X/method= data= A/user-agent= host-header= resolve= unix-socket= proxy= no-proxy max-redirects= no-follow http2-prior-knowledge secret-header= secret-query= grpc-service= grpc-list= send= cacert= cert= key= k/insecure tls-min= no-system-certs tls-server-name= cert-warn= cert-crit= retries= retry-delay= retry-on= same-version j/concurrency= wait= watch= wait-for= wait-stable= interval= quorum= deadline= o/output= report= color= q/quiet v/verbose explain dry-run h/help V/version docker warning-is-unhealthy
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

complete -c healthprobe -n "__fish_healthprobe_needs_command" -l config -d 'Read targets and their settings from this TOML file' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-status -d 'Accepted HTTP statuses [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s t -l timeout -d 'Bound on each whole request [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l max-body -d 'Read at most SIZE bytes of each body [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l health-format -d 'How to read the body: auto, none, or a format name [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l status-path -d 'Read the document\'s own state at this JSONPath' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l component-path -d 'Take every value this JSONPath selects as a component' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l ignore-component -d 'Leave matching components out of the verdict (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l noncritical -d 'Matching components fail as WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l require-component -d 'A component matching PATTERN must be reported (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l maintenance -d 'How maintenance states count: ok, warning or critical' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-version -d 'Require the service version to satisfy REQ' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l version-url -d 'Read the version from this URL instead of the health document' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l version-path -d 'Take the version from this JSONPath in the body (e.g. $.build.version)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-header -d 'The response must have header NAME matching REGEX, \'NAME: REGEX\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l expect-banner -d 'tcp:// and tls:// targets: what the server sends must match REGEX' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s H -l header -d 'Send this header, \'Name: value\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s u -l user -d 'Basic authentication, USER[:PASSWORD]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l bearer-token-file -d 'Bearer authentication with the token in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l data -d 'Send this body (implies POST unless -X says otherwise)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l unix-socket -d 'Send the request over this Unix domain socket' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l secret-header -d 'Treat this header as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l secret-query -d 'Treat this query parameter as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l grpc-service -d 'gRPC targets: ask Check about this service [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l grpc-list -d 'gRPC targets: ask List, or only Check with =false' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l send -d 'tcp:// and tls:// targets: send TEXT once connected' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l tls-server-name -d 'Check the certificate against this name instead of the URL\'s host' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cert-warn -d 'A certificate with less validity left than this is WARNING' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l cert-crit -d 'A certificate with less validity left than this is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l retries -d 'Retry a probe this many times on a transient failure [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l retry-on -d 'Also treat these HTTP statuses as transient' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l wait -d 'Probe again until every target is healthy or DURATION has passed' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l watch -d 'Probe every DURATION until stopped, redrawing the report: a live view while you work' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l wait-for -d 'With --wait, what counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l wait-stable -d 'With --wait, require N consecutive healthy rounds' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l interval -d 'With --wait, the first pause between rounds' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l report -d 'Also write a report to a file, as FORMAT=PATH (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c)'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s store'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l same-version -d 'With several targets, make differing versions a WARNING'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s v -l verbose -d 'Also show each request, the status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l explain -d 'Show how each body was read'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l dry-run -d 'List the resolved targets and settings and exit 0, sending nothing'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s h -l help -d 'Print help (-h: the options used most; --help: all of them)'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -s V -l version -d 'Print the version'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy, 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "demo" -d 'Serve a sample service on 127.0.0.1 and probe it'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "completions" -d 'Print the completion script for SHELL'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "man" -d 'Print the man page (roff) to stdout'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "serve" -d 'Serve /probe, /health and /metrics over HTTP, until stopped'
complete -c healthprobe -n "__fish_healthprobe_needs_command" -a "help" -d 'Print all options, or a topic: formats, config'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l config -d 'Read targets and their settings from this TOML file' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-status -d 'Accepted HTTP statuses [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s t -l timeout -d 'Bound on each whole request [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l max-body -d 'Read at most SIZE bytes of each body [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l health-format -d 'How to read the body: auto, none, or a format name [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l status-path -d 'Read the document\'s own state at this JSONPath' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l component-path -d 'Take every value this JSONPath selects as a component' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l ignore-component -d 'Leave matching components out of the verdict (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l noncritical -d 'Matching components fail as WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l require-component -d 'A component matching PATTERN must be reported (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l maintenance -d 'How maintenance states count: ok, warning or critical' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-version -d 'Require the service version to satisfy REQ' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l version-url -d 'Read the version from this URL instead of the health document' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l version-path -d 'Take the version from this JSONPath in the body (e.g. $.build.version)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-header -d 'The response must have header NAME matching REGEX, \'NAME: REGEX\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l expect-banner -d 'tcp:// and tls:// targets: what the server sends must match REGEX' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s H -l header -d 'Send this header, \'Name: value\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s u -l user -d 'Basic authentication, USER[:PASSWORD]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l bearer-token-file -d 'Bearer authentication with the token in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l data -d 'Send this body (implies POST unless -X says otherwise)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l unix-socket -d 'Send the request over this Unix domain socket' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l secret-header -d 'Treat this header as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l secret-query -d 'Treat this query parameter as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l grpc-service -d 'gRPC targets: ask Check about this service [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l grpc-list -d 'gRPC targets: ask List, or only Check with =false' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l send -d 'tcp:// and tls:// targets: send TEXT once connected' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l tls-server-name -d 'Check the certificate against this name instead of the URL\'s host' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cert-warn -d 'A certificate with less validity left than this is WARNING' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l cert-crit -d 'A certificate with less validity left than this is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l retries -d 'Retry a probe this many times on a transient failure [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l retry-on -d 'Also treat these HTTP statuses as transient' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l wait -d 'Probe again until every target is healthy or DURATION has passed' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l watch -d 'Probe every DURATION until stopped, redrawing the report: a live view while you work' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l wait-for -d 'With --wait, what counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l wait-stable -d 'With --wait, require N consecutive healthy rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l interval -d 'With --wait, the first pause between rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l report -d 'Also write a report to a file, as FORMAT=PATH (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l same-version -d 'With several targets, make differing versions a WARNING'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s v -l verbose -d 'Also show each request, the status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l explain -d 'Show how each body was read'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l dry-run -d 'List the resolved targets and settings and exit 0, sending nothing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -s h -l help -d 'Print help (-h: the options used most; --help: all of them)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy, 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand demo" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l config -d 'Read targets and their settings from this TOML file' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-status -d 'Accepted HTTP statuses [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s t -l timeout -d 'Bound on each whole request [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l max-body -d 'Read at most SIZE bytes of each body [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l health-format -d 'How to read the body: auto, none, or a format name [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l status-path -d 'Read the document\'s own state at this JSONPath' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l component-path -d 'Take every value this JSONPath selects as a component' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l ignore-component -d 'Leave matching components out of the verdict (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l noncritical -d 'Matching components fail as WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l require-component -d 'A component matching PATTERN must be reported (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l maintenance -d 'How maintenance states count: ok, warning or critical' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-version -d 'Require the service version to satisfy REQ' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l version-url -d 'Read the version from this URL instead of the health document' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l version-path -d 'Take the version from this JSONPath in the body (e.g. $.build.version)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-header -d 'The response must have header NAME matching REGEX, \'NAME: REGEX\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l expect-banner -d 'tcp:// and tls:// targets: what the server sends must match REGEX' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s H -l header -d 'Send this header, \'Name: value\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s u -l user -d 'Basic authentication, USER[:PASSWORD]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l bearer-token-file -d 'Bearer authentication with the token in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l data -d 'Send this body (implies POST unless -X says otherwise)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l unix-socket -d 'Send the request over this Unix domain socket' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l secret-header -d 'Treat this header as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l secret-query -d 'Treat this query parameter as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l grpc-service -d 'gRPC targets: ask Check about this service [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l grpc-list -d 'gRPC targets: ask List, or only Check with =false' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l send -d 'tcp:// and tls:// targets: send TEXT once connected' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l tls-server-name -d 'Check the certificate against this name instead of the URL\'s host' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cert-warn -d 'A certificate with less validity left than this is WARNING' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l cert-crit -d 'A certificate with less validity left than this is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l retries -d 'Retry a probe this many times on a transient failure [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l retry-on -d 'Also treat these HTTP statuses as transient' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l wait -d 'Probe again until every target is healthy or DURATION has passed' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l watch -d 'Probe every DURATION until stopped, redrawing the report: a live view while you work' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l wait-for -d 'With --wait, what counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l wait-stable -d 'With --wait, require N consecutive healthy rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l interval -d 'With --wait, the first pause between rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l report -d 'Also write a report to a file, as FORMAT=PATH (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l same-version -d 'With several targets, make differing versions a WARNING'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s v -l verbose -d 'Also show each request, the status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l explain -d 'Show how each body was read'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l dry-run -d 'List the resolved targets and settings and exit 0, sending nothing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -s h -l help -d 'Print help (-h: the options used most; --help: all of them)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy, 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand completions" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l config -d 'Read targets and their settings from this TOML file' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-status -d 'Accepted HTTP statuses [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s t -l timeout -d 'Bound on each whole request [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l max-body -d 'Read at most SIZE bytes of each body [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l health-format -d 'How to read the body: auto, none, or a format name [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l status-path -d 'Read the document\'s own state at this JSONPath' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l component-path -d 'Take every value this JSONPath selects as a component' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l ignore-component -d 'Leave matching components out of the verdict (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l noncritical -d 'Matching components fail as WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l require-component -d 'A component matching PATTERN must be reported (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l maintenance -d 'How maintenance states count: ok, warning or critical' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-version -d 'Require the service version to satisfy REQ' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l version-url -d 'Read the version from this URL instead of the health document' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l version-path -d 'Take the version from this JSONPath in the body (e.g. $.build.version)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-header -d 'The response must have header NAME matching REGEX, \'NAME: REGEX\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l expect-banner -d 'tcp:// and tls:// targets: what the server sends must match REGEX' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s H -l header -d 'Send this header, \'Name: value\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s u -l user -d 'Basic authentication, USER[:PASSWORD]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l bearer-token-file -d 'Bearer authentication with the token in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l data -d 'Send this body (implies POST unless -X says otherwise)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l unix-socket -d 'Send the request over this Unix domain socket' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l secret-header -d 'Treat this header as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l secret-query -d 'Treat this query parameter as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l grpc-service -d 'gRPC targets: ask Check about this service [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l grpc-list -d 'gRPC targets: ask List, or only Check with =false' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l send -d 'tcp:// and tls:// targets: send TEXT once connected' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l tls-server-name -d 'Check the certificate against this name instead of the URL\'s host' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cert-warn -d 'A certificate with less validity left than this is WARNING' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l cert-crit -d 'A certificate with less validity left than this is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l retries -d 'Retry a probe this many times on a transient failure [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l retry-on -d 'Also treat these HTTP statuses as transient' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l wait -d 'Probe again until every target is healthy or DURATION has passed' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l watch -d 'Probe every DURATION until stopped, redrawing the report: a live view while you work' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l wait-for -d 'With --wait, what counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l wait-stable -d 'With --wait, require N consecutive healthy rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l interval -d 'With --wait, the first pause between rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l report -d 'Also write a report to a file, as FORMAT=PATH (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l same-version -d 'With several targets, make differing versions a WARNING'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s v -l verbose -d 'Also show each request, the status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l explain -d 'Show how each body was read'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l dry-run -d 'List the resolved targets and settings and exit 0, sending nothing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -s h -l help -d 'Print help (-h: the options used most; --help: all of them)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy, 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand man" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l listen -d 'Listen on this address [default: 127.0.0.1:9468; the [serve] table\'s `listen`]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l max-in-flight -d 'At most N probes at once [default: 64]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l health-cache -d 'How long /health reuses a verdict before probing the targets again [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-user -d 'Require basic authentication with this user on every endpoint' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-bearer-token-file -d 'Require a bearer token on every endpoint: the one in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-tls-cert -d 'Serve HTTPS with this certificate chain (PEM, leaf first); needs --web-tls-key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l web-tls-key -d 'The private key (PEM) of --web-tls-cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l config -d 'Read targets and their settings from this TOML file' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-status -d 'Accepted HTTP statuses [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s t -l timeout -d 'Bound on each whole request [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l max-body -d 'Read at most SIZE bytes of each body [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l health-format -d 'How to read the body: auto, none, or a format name [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l status-path -d 'Read the document\'s own state at this JSONPath' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l component-path -d 'Take every value this JSONPath selects as a component' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l ignore-component -d 'Leave matching components out of the verdict (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l noncritical -d 'Matching components fail as WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l require-component -d 'A component matching PATTERN must be reported (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l maintenance -d 'How maintenance states count: ok, warning or critical' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-version -d 'Require the service version to satisfy REQ' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l version-url -d 'Read the version from this URL instead of the health document' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l version-path -d 'Take the version from this JSONPath in the body (e.g. $.build.version)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-header -d 'The response must have header NAME matching REGEX, \'NAME: REGEX\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l expect-banner -d 'tcp:// and tls:// targets: what the server sends must match REGEX' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s H -l header -d 'Send this header, \'Name: value\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s u -l user -d 'Basic authentication, USER[:PASSWORD]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l bearer-token-file -d 'Bearer authentication with the token in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l data -d 'Send this body (implies POST unless -X says otherwise)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l unix-socket -d 'Send the request over this Unix domain socket' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l secret-header -d 'Treat this header as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l secret-query -d 'Treat this query parameter as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l grpc-service -d 'gRPC targets: ask Check about this service [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l grpc-list -d 'gRPC targets: ask List, or only Check with =false' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l send -d 'tcp:// and tls:// targets: send TEXT once connected' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l tls-server-name -d 'Check the certificate against this name instead of the URL\'s host' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cert-warn -d 'A certificate with less validity left than this is WARNING' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l cert-crit -d 'A certificate with less validity left than this is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l retries -d 'Retry a probe this many times on a transient failure [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l retry-on -d 'Also treat these HTTP statuses as transient' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l wait -d 'Probe again until every target is healthy or DURATION has passed' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l watch -d 'Probe every DURATION until stopped, redrawing the report: a live view while you work' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l wait-for -d 'With --wait, what counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l wait-stable -d 'With --wait, require N consecutive healthy rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l interval -d 'With --wait, the first pause between rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l report -d 'Also write a report to a file, as FORMAT=PATH (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l allow-any-target -d 'Let /probe probe any target, not only the allow-list\'s'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l same-version -d 'With several targets, make differing versions a WARNING'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s v -l verbose -d 'Also show each request, the status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l explain -d 'Show how each body was read'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l dry-run -d 'List the resolved targets and settings and exit 0, sending nothing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -s h -l help -d 'Print help (-h: the options used most; --help: all of them)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy, 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand serve" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l config -d 'Read targets and their settings from this TOML file' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l expect-status -d 'Accepted HTTP statuses [default: 200-399]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s w -l warning -d 'Response time (seconds) past which a target is WARNING, a Nagios range' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s c -l critical -d 'Response time (seconds) past which a target is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s t -l timeout -d 'Bound on each whole request [default: 10s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l connect-timeout -d 'Bound on establishing the connection [default: the --timeout value]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l max-body -d 'Read at most SIZE bytes of each body [default: 1MiB]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l health-format -d 'How to read the body: auto, none, or a format name [default: auto]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l status-word -d 'Give a service\'s own state word a meaning, WORD=STATE (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l status-path -d 'Read the document\'s own state at this JSONPath' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l component-path -d 'Take every value this JSONPath selects as a component' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l ignore-component -d 'Leave matching components out of the verdict (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l noncritical -d 'Matching components fail as WARNING, not CRITICAL (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l require-component -d 'A component matching PATTERN must be reported (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l maintenance -d 'How maintenance states count: ok, warning or critical' -r -f -a "ok\t''
warning\t''
critical\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l expect-version -d 'Require the service version to satisfy REQ' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l version-url -d 'Read the version from this URL instead of the health document' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l version-path -d 'Take the version from this JSONPath in the body (e.g. $.build.version)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l metric -d 'Judge a number in the JSON body: \'LABEL=JSONPATH;WARN;CRIT[;UOM]\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l assert -d 'Require \'JSONPATH OP VALUE\' of the JSON body (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l assert-warn -d 'Like --assert, but failing is WARNING (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l expect-header -d 'The response must have header NAME matching REGEX, \'NAME: REGEX\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l expect-body -d 'The body must match REGEX, for plain-text endpoints (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l expect-banner -d 'tcp:// and tls:// targets: what the server sends must match REGEX' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s H -l header -d 'Send this header, \'Name: value\' (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s u -l user -d 'Basic authentication, USER[:PASSWORD]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l bearer-token-file -d 'Bearer authentication with the token in FILE' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s X -l method -d 'The request method [default: GET]' -r -f -a "get\t''
head\t''
post\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l data -d 'Send this body (implies POST unless -X says otherwise)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s A -l user-agent -d 'The User-Agent header [default: healthprobe/VERSION]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l host-header -d 'Send this Host header (a virtual host), whatever host the URL names' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l resolve -d 'Connect to ADDR for HOST:PORT instead of resolving the name (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l unix-socket -d 'Send the request over this Unix domain socket' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l proxy -d 'Use this proxy (http://, https:// or socks5://) instead of the environment\'s' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l max-redirects -d 'Follow at most N redirects [default: 5]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l secret-header -d 'Treat this header as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l secret-query -d 'Treat this query parameter as secret: its value is shown as *** (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l grpc-service -d 'gRPC targets: ask Check about this service [default: the whole server]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l grpc-list -d 'gRPC targets: ask List, or only Check with =false' -r -f -a "true\t''
false\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l send -d 'tcp:// and tls:// targets: send TEXT once connected' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l cacert -d 'Also trust the CA certificates in this PEM file (for private CAs)' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l cert -d 'Present this client certificate (PEM, leaf first) for mutual TLS; needs --key' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l key -d 'The private key (PEM) of --cert' -r -F
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l tls-min -d 'The oldest TLS version accepted [default: 1.2]' -r -f -a "1.2\t''
1.3\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l tls-server-name -d 'Check the certificate against this name instead of the URL\'s host' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l cert-warn -d 'A certificate with less validity left than this is WARNING' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l cert-crit -d 'A certificate with less validity left than this is CRITICAL' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l retries -d 'Retry a probe this many times on a transient failure [default: 0]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l retry-delay -d 'Pause between retries of one probe [default: 1s]' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l retry-on -d 'Also treat these HTTP statuses as transient' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s j -l concurrency -d 'Probe at most N targets at once' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l wait -d 'Probe again until every target is healthy or DURATION has passed' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l watch -d 'Probe every DURATION until stopped, redrawing the report: a live view while you work' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l wait-for -d 'With --wait, what counts as healthy: ok, or warning to accept WARNING too' -r -f -a "ok\t'Every target OK'
warning\t'Every target OK or WARNING'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l wait-stable -d 'With --wait, require N consecutive healthy rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l interval -d 'With --wait, the first pause between rounds' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l quorum -d 'The run is OK when at least N targets (or N% of them) are OK' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l deadline -d 'Bound on the whole run: every probe, retry and wait round' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s o -l output -d 'Output format' -r -f -a "human\t'One readable line per target and a summary; coloured on a terminal'
nagios\t'The Nagios plugin line with perfdata, then one long-output line per target'
json\t'One JSON document (schema: schema/report.schema.json)'
junit\t'JUnit XML for CI test reporters: one testcase per target'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l report -d 'Also write a report to a file, as FORMAT=PATH (repeatable)' -r
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l color -d 'When to colour human output (NO_COLOR is honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l no-proxy -d 'Use no proxy, whatever the environment says'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l no-follow -d 'Do not follow redirects: judge the 3xx answer itself'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte over plain http (h2c)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s k -l insecure -d 'Do not verify the server\'s certificate (every report then says so)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l no-system-certs -d 'Trust only the compiled-in roots (and --cacert), not the system\'s store'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l same-version -d 'With several targets, make differing versions a WARNING'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s q -l quiet -d 'Print nothing; the exit code is the answer'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s v -l verbose -d 'Also show each request, the status line, headers and timing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l explain -d 'Show how each body was read'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l dry-run -d 'List the resolved targets and settings and exit 0, sending nothing'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -s h -l help -d 'Print help (-h: the options used most; --help: all of them)'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l docker -d 'Docker HEALTHCHECK mode: exit 0 when healthy, 1 otherwise, never 2'
complete -c healthprobe -n "__fish_healthprobe_using_subcommand help" -l warning-is-unhealthy -d 'With --docker, treat WARNING as unhealthy (exit 1) too'
