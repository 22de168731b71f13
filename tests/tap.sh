# The TAP helpers the shell tests share: sourced, not run. ok and not_ok count and print one
# line; check runs a command and says ok when it succeeds. tap_done prints the plan and gives
# the script's status.
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { # check DESCRIPTION COMMAND...
    desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
