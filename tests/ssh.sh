#!/bin/sh
# The shared server on a real OpenSSH sshd, on 127.0.0.1 and a free high port, with its own host
# key and the sshd_config settings of docs/ssh-server.md: two client keys each reach their own
# workbook and a return resumes it; the client's own command can ask for plain, today or export
# and nothing else (no shell: id, 'plain; id', scp and sftp fail); forwarding is refused; and
# under strace, a whole session executes one program, dreamtree. TAP output.
# Usage: ssh.sh DREAMTREE SOURCE_ROOT. Skips (with the reason) where sshd cannot run here.
set -u
bin=$(realpath "$1")
root=$2
sshd=/usr/sbin/sshd

skip() { echo "1..0 # SKIP $1"; exit 0; }
[ -x "$sshd" ] || skip "sshd is not installed (./quickstart installs openssh-server)"
command -v ssh >/dev/null || skip "ssh is not installed (./quickstart installs openssh-client)"
[ "$(id -u)" = 0 ] || skip "sshd needs root here, to run sessions as the service account"
mkdir -p /run/sshd 2>/dev/null || skip "no /run/sshd for sshd's privilege separation"

work=$(mktemp -d "${TMPDIR:-/tmp}/dreamtree-ssh-XXXXXX")
chmod 700 "$work"
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    pkill -f "dreamtree --shared --db $work/" 2>/dev/null # a session the test left behind
    rm -rf "$work"
}
trap cleanup EXIT

. "$(dirname "$0")/tap.sh"

ssh-keygen -q -t ed25519 -N '' -f "$work/host" -C host
ssh-keygen -q -t ed25519 -N '' -f "$work/alice" -C alice
ssh-keygen -q -t ed25519 -N '' -f "$work/bob" -C bob
cat "$work/alice.pub" "$work/bob.pub" >"$work/authorized_keys"
chmod 600 "$work/authorized_keys"
db="$work/shared.db"
DREAMTREE_NOW=2026-11-25T12:00:00Z "$bin" --db "$db" seed "$root/tests/fixtures/content" >/dev/null ||
    { echo "Bail out! the shared database could not be made"; exit 1; }

# the settings docs/ssh-server.md asks for, around a test's own port, keys and forced command
write_config() { # write_config FORCED_COMMAND
    cat >"$work/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
ExposeAuthInfo yes
DisableForwarding yes
PermitTTY yes
PermitUserRC no
PermitUserEnvironment no
AcceptEnv LANG LC_*
SetEnv DREAMTREE_NOW=2026-11-25T12:00:00Z
ForceCommand $1
EOF
}

start_sshd() {
    for try in 1 2 3 4 5; do
        port=$((20000 + ($$ * 7 + try * 131) % 30000))
        write_config "$1"
        "$sshd" -f "$work/sshd_config" -E "$work/sshd.log" && sleep 0.3 &&
            [ -s "$work/sshd.pid" ] && pid=$(cat "$work/sshd.pid") && return 0
    done
    return 1
}
stop_sshd() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    pid=""
    rm -f "$work/sshd.pid"
    sleep 0.2
}

start_sshd "$bin --shared --db $db" || { echo "Bail out! sshd did not start"; sed 's/^/# /' "$work/sshd.log"; exit 1; }

as() { # as KEY [ssh options and command...]: stdin, stdout and stderr are the caller's
    key=$1
    shift
    ssh -p "$port" -i "$work/$key" -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile="$work/known_hosts" -o LogLevel=ERROR -o IdentitiesOnly=yes \
        root@127.0.0.1 "$@"
}

# two people, each their own workbook
as alice today </dev/null >"$work/out" 2>"$work/err"
check "a new key: today exits 0 and prints nothing" test ! -s "$work/out"
printf '2\nq\n' | as alice plain >"$work/alice1" 2>"$work/err"
check "alice's first visit: the welcome, in text mode" grep -q "^Welcome to DreamTree" "$work/alice1"
check "and then the Daily Dos" grep -q "^Daily Dos" "$work/alice1"
printf '2\nq\n' | as bob plain >"$work/bob1" 2>&1
check "bob's first visit: his own welcome" grep -q "^Welcome to DreamTree" "$work/bob1"
users=$(sqlite3 "$db" "SELECT count(DISTINCT user_id) FROM ssh_keys")
check "two keys, two users" test "$users" = 2
printf 'q\n' | as alice plain >"$work/alice2" 2>&1
check "alice again: her workbook resumes, no welcome" sh -c "! grep -q '^Welcome' '$work/alice2' && grep -q '^Daily Dos' '$work/alice2'"
as alice today </dev/null >"$work/out" 2>&1
check "ssh host today: the Daily Dos" grep -q "Start the workbook" "$work/out"

# a dropped connection mid-typing (full screen, on a pty): typing goes on without a pause, so
# nothing is saved before the hang-up but by it; sshd hangs up the session (SIGHUP), dreamtree
# saves what was typed as a draft and leaves
mkfifo "$work/typing"
(printf '\r'; sleep 1.5; i=0
 while [ $i -lt 100 ]; do printf 'x'; sleep 0.1; i=$((i + 1)); done; exec sleep 30) \
    >"$work/typing" 2>/dev/null &
feeder=$!
TERM=xterm-256color ssh -tt -p "$port" -i "$work/bob" -o BatchMode=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile="$work/known_hosts" -o LogLevel=ERROR -o IdentitiesOnly=yes \
    root@127.0.0.1 <"$work/typing" >/dev/null 2>&1 &
client=$!
sleep 5
kill "$client" 2>/dev/null
i=0
while pgrep -f "dreamtree --shared --db $db" >/dev/null && [ $i -lt 30 ]; do
    sleep 0.1
    i=$((i + 1))
done
kill "$feeder" 2>/dev/null
session_gone() { ! pgrep -f "dreamtree --shared --db $db" >/dev/null; }
check "a dropped connection ends the session within 3 s" session_gone
check "and keeps what was being typed as a draft" \
    sh -c "sqlite3 '$db' 'SELECT draft_json FROM drafts' | grep -q 'xxxxxxxxxx'"

# the client's command: nothing but plain, today and export
as alice id </dev/null >"$work/out" 2>"$work/err"
status=$?
check "ssh host id: exit 2" test "$status" = 2
check "one clear line, and no shell ran" sh -c "grep -q 'runs the DreamTree workbook only' '$work/err' && ! grep -q 'uid=' '$work/out'"
as alice 'plain; id' </dev/null >"$work/out" 2>"$work/err"
status=$?
check "ssh host 'plain; id': exit 2, no shell" sh -c "test $status = 2 && ! grep -q 'uid=' '$work/out'"
as alice export </dev/null >"$work/export.json" 2>"$work/err"
check "ssh host export: the export file" grep -q '"version":	"1.1"' "$work/export.json"
echo "hello" >"$work/file"
scp -q -P "$port" -i "$work/alice" -o BatchMode=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile="$work/known_hosts" -o IdentitiesOnly=yes "$work/file" \
    root@127.0.0.1:"$work/copied" >/dev/null 2>&1
check "scp reaches no shell and writes nothing" test ! -e "$work/copied"
printf 'put %s %s\n' "$work/file" "$work/sftp-copied" |
    sftp -q -P "$port" -i "$work/alice" -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile="$work/known_hosts" -o IdentitiesOnly=yes -b - root@127.0.0.1 \
        >/dev/null 2>&1
check "sftp reaches no shell and writes nothing" test ! -e "$work/sftp-copied"
lport=$((port + 1))
# ssh itself in the background (not the function, whose subshell a kill would leave it under)
ssh -p "$port" -i "$work/alice" -o BatchMode=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile="$work/known_hosts" -o LogLevel=ERROR -o IdentitiesOnly=yes \
    root@127.0.0.1 -N -L "$lport:127.0.0.1:$port" </dev/null >/dev/null 2>"$work/forward-err" &
forwarder=$!
sleep 1.5
# through the tunnel, sshd's own banner would answer if it were allowed
banner=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$lport && head -c 7 <&3" 2>/dev/null)
kill "$forwarder" 2>/dev/null
check "local forwarding (-L) is refused" test "$banner" != "SSH-2.0"
as alice -W 127.0.0.1:"$port" </dev/null >/dev/null 2>&1
status=$?
check "forwarding (-W) is refused" test "$status" != 0
as alice -o ExitOnForwardFailure=yes -R 0:127.0.0.1:"$port" today </dev/null >/dev/null 2>&1
status=$?
check "remote forwarding (-R) is refused" test "$status" != 0
check "the database belongs to the service account alone" test "$(stat -c %a "$db")" = 600

# one exec in a whole session: dreamtree's own (strace follows every child it makes)
if command -v strace >/dev/null; then
    stop_sshd
    start_sshd "strace -f -qq -e trace=execve -o $work/trace $bin --shared --db $db"
    printf '1\n\n..\nq\nq\n' | as alice plain >"$work/traced" 2>&1
    sleep 0.3
    execs=$(grep -c 'execve(' "$work/trace" 2>/dev/null || echo 0)
    check "a scripted session executes one program" test "$execs" = 1
    check "and it is dreamtree" grep -q "execve(\"$bin\"" "$work/trace"
    check "the session itself ran" grep -q "^Daily Dos" "$work/traced"
else
    ok "# SKIP strace is not installed (./quickstart installs it)"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
