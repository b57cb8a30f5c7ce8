
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'healthprobe' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'healthprobe'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'healthprobe' {
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('--warning', '--warning', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Bound on establishing the connection [default: the --timeout value]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]')
            [CompletionResult]::new('--health-format', '--health-format', [CompletionResultType]::ParameterName, 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]')
            [CompletionResult]::new('--ignore-component', '--ignore-component', [CompletionResultType]::ParameterName, 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)')
            [CompletionResult]::new('--noncritical', '--noncritical', [CompletionResultType]::ParameterName, 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)')
            [CompletionResult]::new('--require-component', '--require-component', [CompletionResultType]::ParameterName, 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)')
            [CompletionResult]::new('--maintenance', '--maintenance', [CompletionResultType]::ParameterName, 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]')
            [CompletionResult]::new('--expect-version', '--expect-version', [CompletionResultType]::ParameterName, 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\.0[7-9])')
            [CompletionResult]::new('--version-url', '--version-url', [CompletionResultType]::ParameterName, 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target''s URL')
            [CompletionResult]::new('--version-path', '--version-path', [CompletionResultType]::ParameterName, 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version')
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'Judge a number in the JSON body: ''LABEL=JSONPATH;WARN;CRIT[;UOM]'' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)')
            [CompletionResult]::new('--assert', '--assert', [CompletionResultType]::ParameterName, 'Require ''JSONPATH OP VALUE'' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or ''JSONPATH exists'' / ''JSONPATH !exists''; failing is CRITICAL (repeatable)')
            [CompletionResult]::new('--assert-warn', '--assert-warn', [CompletionResultType]::ParameterName, 'Like --assert, but failing is WARNING (repeatable)')
            [CompletionResult]::new('--expect-header', '--expect-header', [CompletionResultType]::ParameterName, 'The response must have header NAME with a value matching REGEX (''NAME: REGEX''; repeatable)')
            [CompletionResult]::new('--expect-body', '--expect-body', [CompletionResultType]::ParameterName, 'The body must match REGEX, for plain-text endpoints (repeatable)')
            [CompletionResult]::new('--cert-warn', '--cert-warn', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)')
            [CompletionResult]::new('--cert-crit', '--cert-crit', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (for private CAs)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'Pause between retries of one probe [default: 1s]')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read targets and their settings from this TOML file (see the README for the schema)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)')
            [CompletionResult]::new('--wait-for', '--wait-for', [CompletionResultType]::ParameterName, 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too')
            [CompletionResult]::new('--wait-stable', '--wait-stable', [CompletionResultType]::ParameterName, 'With --wait, require N consecutive healthy rounds (every target probed each round)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s')
            [CompletionResult]::new('--quorum', '--quorum', [CompletionResultType]::ParameterName, 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run: every probe, retry and wait round')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--same-version', '--same-version', [CompletionResultType]::ParameterName, 'With several targets, make differing versions a WARNING that names who runs what')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file')
            [CompletionResult]::new('--docker', '--docker', [CompletionResultType]::ParameterName, 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2')
            [CompletionResult]::new('--warning-is-unhealthy', '--warning-is-unhealthy', [CompletionResultType]::ParameterName, 'With --docker, treat WARNING as unhealthy (exit 1) too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Serve a small sample service on 127.0.0.1 and probe it (healthy, slow and failing endpoints)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for SHELL to stdout (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'healthprobe;demo' {
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('--warning', '--warning', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Bound on establishing the connection [default: the --timeout value]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]')
            [CompletionResult]::new('--health-format', '--health-format', [CompletionResultType]::ParameterName, 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]')
            [CompletionResult]::new('--ignore-component', '--ignore-component', [CompletionResultType]::ParameterName, 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)')
            [CompletionResult]::new('--noncritical', '--noncritical', [CompletionResultType]::ParameterName, 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)')
            [CompletionResult]::new('--require-component', '--require-component', [CompletionResultType]::ParameterName, 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)')
            [CompletionResult]::new('--maintenance', '--maintenance', [CompletionResultType]::ParameterName, 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]')
            [CompletionResult]::new('--expect-version', '--expect-version', [CompletionResultType]::ParameterName, 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\.0[7-9])')
            [CompletionResult]::new('--version-url', '--version-url', [CompletionResultType]::ParameterName, 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target''s URL')
            [CompletionResult]::new('--version-path', '--version-path', [CompletionResultType]::ParameterName, 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version')
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'Judge a number in the JSON body: ''LABEL=JSONPATH;WARN;CRIT[;UOM]'' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)')
            [CompletionResult]::new('--assert', '--assert', [CompletionResultType]::ParameterName, 'Require ''JSONPATH OP VALUE'' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or ''JSONPATH exists'' / ''JSONPATH !exists''; failing is CRITICAL (repeatable)')
            [CompletionResult]::new('--assert-warn', '--assert-warn', [CompletionResultType]::ParameterName, 'Like --assert, but failing is WARNING (repeatable)')
            [CompletionResult]::new('--expect-header', '--expect-header', [CompletionResultType]::ParameterName, 'The response must have header NAME with a value matching REGEX (''NAME: REGEX''; repeatable)')
            [CompletionResult]::new('--expect-body', '--expect-body', [CompletionResultType]::ParameterName, 'The body must match REGEX, for plain-text endpoints (repeatable)')
            [CompletionResult]::new('--cert-warn', '--cert-warn', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)')
            [CompletionResult]::new('--cert-crit', '--cert-crit', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (for private CAs)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'Pause between retries of one probe [default: 1s]')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read targets and their settings from this TOML file (see the README for the schema)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)')
            [CompletionResult]::new('--wait-for', '--wait-for', [CompletionResultType]::ParameterName, 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too')
            [CompletionResult]::new('--wait-stable', '--wait-stable', [CompletionResultType]::ParameterName, 'With --wait, require N consecutive healthy rounds (every target probed each round)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s')
            [CompletionResult]::new('--quorum', '--quorum', [CompletionResultType]::ParameterName, 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run: every probe, retry and wait round')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--same-version', '--same-version', [CompletionResultType]::ParameterName, 'With several targets, make differing versions a WARNING that names who runs what')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file')
            [CompletionResult]::new('--docker', '--docker', [CompletionResultType]::ParameterName, 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2')
            [CompletionResult]::new('--warning-is-unhealthy', '--warning-is-unhealthy', [CompletionResultType]::ParameterName, 'With --docker, treat WARNING as unhealthy (exit 1) too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'healthprobe;completions' {
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('--warning', '--warning', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Bound on establishing the connection [default: the --timeout value]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]')
            [CompletionResult]::new('--health-format', '--health-format', [CompletionResultType]::ParameterName, 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]')
            [CompletionResult]::new('--ignore-component', '--ignore-component', [CompletionResultType]::ParameterName, 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)')
            [CompletionResult]::new('--noncritical', '--noncritical', [CompletionResultType]::ParameterName, 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)')
            [CompletionResult]::new('--require-component', '--require-component', [CompletionResultType]::ParameterName, 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)')
            [CompletionResult]::new('--maintenance', '--maintenance', [CompletionResultType]::ParameterName, 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]')
            [CompletionResult]::new('--expect-version', '--expect-version', [CompletionResultType]::ParameterName, 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\.0[7-9])')
            [CompletionResult]::new('--version-url', '--version-url', [CompletionResultType]::ParameterName, 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target''s URL')
            [CompletionResult]::new('--version-path', '--version-path', [CompletionResultType]::ParameterName, 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version')
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'Judge a number in the JSON body: ''LABEL=JSONPATH;WARN;CRIT[;UOM]'' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)')
            [CompletionResult]::new('--assert', '--assert', [CompletionResultType]::ParameterName, 'Require ''JSONPATH OP VALUE'' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or ''JSONPATH exists'' / ''JSONPATH !exists''; failing is CRITICAL (repeatable)')
            [CompletionResult]::new('--assert-warn', '--assert-warn', [CompletionResultType]::ParameterName, 'Like --assert, but failing is WARNING (repeatable)')
            [CompletionResult]::new('--expect-header', '--expect-header', [CompletionResultType]::ParameterName, 'The response must have header NAME with a value matching REGEX (''NAME: REGEX''; repeatable)')
            [CompletionResult]::new('--expect-body', '--expect-body', [CompletionResultType]::ParameterName, 'The body must match REGEX, for plain-text endpoints (repeatable)')
            [CompletionResult]::new('--cert-warn', '--cert-warn', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)')
            [CompletionResult]::new('--cert-crit', '--cert-crit', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (for private CAs)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'Pause between retries of one probe [default: 1s]')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read targets and their settings from this TOML file (see the README for the schema)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)')
            [CompletionResult]::new('--wait-for', '--wait-for', [CompletionResultType]::ParameterName, 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too')
            [CompletionResult]::new('--wait-stable', '--wait-stable', [CompletionResultType]::ParameterName, 'With --wait, require N consecutive healthy rounds (every target probed each round)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s')
            [CompletionResult]::new('--quorum', '--quorum', [CompletionResultType]::ParameterName, 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run: every probe, retry and wait round')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--same-version', '--same-version', [CompletionResultType]::ParameterName, 'With several targets, make differing versions a WARNING that names who runs what')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file')
            [CompletionResult]::new('--docker', '--docker', [CompletionResultType]::ParameterName, 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2')
            [CompletionResult]::new('--warning-is-unhealthy', '--warning-is-unhealthy', [CompletionResultType]::ParameterName, 'With --docker, treat WARNING as unhealthy (exit 1) too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'healthprobe;man' {
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Accepted HTTP statuses: 200, 200,204, 2xx, 200-299, or a mix such as 2xx,301 [default: 200-399]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('--warning', '--warning', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is WARNING, as a Nagios range (0.5, ~:0.5, 1:, @1:2)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('--critical', '--critical', [CompletionResultType]::ParameterName, 'Response time (seconds) past which a target is CRITICAL, as a Nagios range')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each whole request: connect, headers and body (500ms, 2s, 1m; a bare number is seconds) [default: 10s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Bound on establishing the connection [default: the --timeout value]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Read at most SIZE bytes of each body (65536, 512KiB, 1MiB); a longer body is CRITICAL [default: 1MiB]')
            [CompletionResult]::new('--health-format', '--health-format', [CompletionResultType]::ParameterName, 'How to read the body: auto (detect the format), none (ignore the body), or one of the format names listed in the README [default: auto]')
            [CompletionResult]::new('--ignore-component', '--ignore-component', [CompletionResultType]::ParameterName, 'Leave components matching PATTERN out of the verdict (a path such as db/primary; * and ? wildcards; repeatable)')
            [CompletionResult]::new('--noncritical', '--noncritical', [CompletionResultType]::ParameterName, 'A failing component matching PATTERN is WARNING, not CRITICAL (repeatable)')
            [CompletionResult]::new('--require-component', '--require-component', [CompletionResultType]::ParameterName, 'A component matching PATTERN must be reported; missing is CRITICAL (repeatable)')
            [CompletionResult]::new('--maintenance', '--maintenance', [CompletionResultType]::ParameterName, 'How maintenance states (OUT_OF_SERVICE, draining, Consul maintenance, shutting down) count [default: critical when the server answered 5xx, otherwise warning]')
            [CompletionResult]::new('--expect-version', '--expect-version', [CompletionResultType]::ParameterName, 'Require the service version to satisfy REQ: a semver requirement (>=2.4, <3), an exact version (=26.07, or a plain 26.07) or a regex (~^26\.0[7-9])')
            [CompletionResult]::new('--version-url', '--version-url', [CompletionResultType]::ParameterName, 'Read the version from this URL instead of the health document; a path such as /version is resolved against each target''s URL')
            [CompletionResult]::new('--version-path', '--version-path', [CompletionResultType]::ParameterName, 'Take the version from this JSONPath in the body (of --version-url when given), e.g. $.build.version')
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'Judge a number in the JSON body: ''LABEL=JSONPATH;WARN;CRIT[;UOM]'' with Nagios ranges, also emitted as perfdata (repeatable; one rule per line in the env var)')
            [CompletionResult]::new('--assert', '--assert', [CompletionResultType]::ParameterName, 'Require ''JSONPATH OP VALUE'' of the JSON body (==, !=, <, <=, >, >=, =~ regex), or ''JSONPATH exists'' / ''JSONPATH !exists''; failing is CRITICAL (repeatable)')
            [CompletionResult]::new('--assert-warn', '--assert-warn', [CompletionResultType]::ParameterName, 'Like --assert, but failing is WARNING (repeatable)')
            [CompletionResult]::new('--expect-header', '--expect-header', [CompletionResultType]::ParameterName, 'The response must have header NAME with a value matching REGEX (''NAME: REGEX''; repeatable)')
            [CompletionResult]::new('--expect-body', '--expect-body', [CompletionResultType]::ParameterName, 'The body must match REGEX, for plain-text endpoints (repeatable)')
            [CompletionResult]::new('--cert-warn', '--cert-warn', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is WARNING (30d, 2w, 720h; a bare number is days, as check_http -C takes it)')
            [CompletionResult]::new('--cert-crit', '--cert-crit', [CompletionResultType]::ParameterName, 'An HTTPS certificate with less validity left than this is CRITICAL (a bare number is days)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (for private CAs)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a probe this many times on a transient failure (refused, reset, timeout, HTTP 502, 503, 504) before judging it [default: 0]')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'Pause between retries of one probe [default: 1s]')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'Also treat these HTTP statuses as transient: retried by --retries, and waited out by --wait instead of ending it (401, 403 and 404 otherwise end a wait at once)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read targets and their settings from this TOML file (see the README for the schema)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probe at most N targets at once')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Probe again until every target is healthy or DURATION has passed, then report the last round (for CI and compose right after a deploy)')
            [CompletionResult]::new('--wait-for', '--wait-for', [CompletionResultType]::ParameterName, 'With --wait, the state that counts as healthy: ok, or warning to accept WARNING too')
            [CompletionResult]::new('--wait-stable', '--wait-stable', [CompletionResultType]::ParameterName, 'With --wait, require N consecutive healthy rounds (every target probed each round)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --wait, the first pause between rounds; it doubles (with jitter) up to 15s')
            [CompletionResult]::new('--quorum', '--quorum', [CompletionResultType]::ParameterName, 'The run is OK when at least N targets (or N% of them) are OK, WARNING when fewer but some are, CRITICAL when none are [default: every target counts, worst first]')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run: every probe, retry and wait round')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured with auto)')
            [CompletionResult]::new('--same-version', '--same-version', [CompletionResultType]::ParameterName, 'With several targets, make differing versions a WARNING that names who runs what')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Resolve the targets and their settings (config file, environment, flags), list them and exit 0 without sending a request: a check of a config file')
            [CompletionResult]::new('--docker', '--docker', [CompletionResultType]::ParameterName, 'Docker HEALTHCHECK mode: exit 0 when healthy (OK or WARNING), 1 otherwise, never 2')
            [CompletionResult]::new('--warning-is-unhealthy', '--warning-is-unhealthy', [CompletionResultType]::ParameterName, 'With --docker, treat WARNING as unhealthy (exit 1) too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit code is the answer')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also show each request, the response status line, headers and timing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'healthprobe;help' {
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Serve a small sample service on 127.0.0.1 and probe it (healthy, slow and failing endpoints)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for SHELL to stdout (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'healthprobe;help;demo' {
            break
        }
        'healthprobe;help;completions' {
            break
        }
        'healthprobe;help;man' {
            break
        }
        'healthprobe;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
