#!/usr/bin/env bash
# Regenerates the shell completion scripts and the man page in this directory from the clap
# definition (src/cli.rs) by running healthprobe itself. Run it after any change to the command
# line; tests/cases/completions.rs fails until the committed files match the binary again.
#
#   bash completions/refresh.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Like the test suite, generate without the caller's HEALTHPROBE_* settings: an invalid one
# would fail the parse before the subcommand runs.
for name in $(compgen -e); do
    if [[ $name == HEALTHPROBE_* ]]; then
        unset "$name"
    fi
done

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# Writes the output of `healthprobe ARGS...` to FILE; FILE is left as it was if the run fails.
write() {
    local file=$1
    shift
    cargo run --quiet -- "$@" >"$tmp"
    cat "$tmp" >"$file"
}

write completions/healthprobe.bash completions bash
write completions/_healthprobe completions zsh
write completions/healthprobe.fish completions fish
write completions/_healthprobe.ps1 completions powershell
write completions/healthprobe.elv completions elvish
write completions/healthprobe.1 man
echo "refreshed completions/: bash, zsh, fish, powershell and elvish scripts, and healthprobe.1"
