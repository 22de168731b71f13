#!/bin/sh
# dreamtree admin, end to end on a database of its own: the users list (a claimed user's email,
# never anyone's writing), SSH keys made by ssh-keygen bound, listed and forgotten, the review
# of custom skills (a name with ESC shown sanitised), delete-user and its cascade, a backup
# taken while two other processes write, and stats. TAP output.
# Usage: admin.sh DREAMTREE SOURCE_ROOT
set -u
bin=$1
root=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/dreamtree-admin-XXXXXX")
writers=""
cleanup() {
    for pid in $writers; do kill "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
unset XDG_DATA_HOME XDG_STATE_HOME DREAMTREE_DB DREAMTREE_CONTENT
export DREAMTREE_NOW=2026-11-25T12:00:00Z
fixtures="$root/tests/fixtures/content"
marker=zq-ADMIN-MARKER-5520-qz

. "$(dirname "$0")/tap.sh"
# run EXPECTED_STATUS ARGS... -> stdout in $work/out, stderr in $work/err, both kept in
# $work/all for the last check: that nothing ever showed the marker
run() {
    want=$1
    shift
    "$bin" "$@" >"$work/out" 2>"$work/err" </dev/null
    got=$?
    cat "$work/out" "$work/err" >>"$work/all"
    if [ "$got" -ne "$want" ]; then
        echo "# dreamtree $* exited $got, expected $want; stderr:"
        sed 's/^/#   /' "$work/err"
        return 1
    fi
    return 0
}
not() { ! "$@"; }
# (with a busy timeout: the writers below hold the lock, and a locked read would print nothing)
q() { sqlite3 -cmd '.timeout 10000' "$db" "$1"; }
# no C0 control but newline, no DEL, no C1 control, valid UTF-8
clean_text() {
    ! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" &&
        ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
        iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}

db="$work/server.db"
check "seed the server's database" run 0 --db "$db" seed "$fixtures"
: >"$work/all"

# --- two people: one claims their workbook, the other writes an answer (the marker)
mkdir -p "$work/home-a" "$work/home-b"
HOME="$work/home-a" "$bin" --db "$db" --plain >/dev/null 2>&1 <<'EOF'
2
EOF
HOME="$work/home-b" "$bin" --db "$db" --plain >/dev/null 2>&1 <<'EOF'
2
EOF
check "two users" test "$(q 'SELECT count(*) FROM users')" = 2
a=$(q 'SELECT id FROM users ORDER BY rowid LIMIT 1')
b=$(q 'SELECT id FROM users ORDER BY rowid LIMIT 1 OFFSET 1')
printf 'a long enough password\n' >"$work/pw"
check "the first one claims" sh -c "HOME='$work/home-a' '$bin' --db '$db' account claim \
    --email Admin.Test@Example.org --password-stdin <'$work/pw' >/dev/null 2>&1"
q "INSERT INTO exercise_responses SELECT 'r1', '$b', part_id, module_id, exercise_id, version,
   full_exercise_id, '{\"jobs\":[\"$marker\"]}', '2026-11-25T11:59:30Z'
   FROM exercise_sequence WHERE sequence_order = 1"

# --- users
check "admin users" run 0 --db "$db" admin users
check "a header line" sh -c "head -n 1 '$work/out' | grep -q '^ID  *CREATED  *LAST SEEN  *CLAIMED  *KEYS  *ANSWERS  *TOOL ENTRIES  *EMAIL$'"
check "one line per user" test "$(wc -l <"$work/out")" = 3
check "the claimed user, with the address in full" grep -qE "^$a +2026-11-25T12:00:00Z +2026-11-25T12:00:00Z +yes +0 +0 +0 +admin.test@example.org$" "$work/out"
check "the other, with one answer counted" grep -qE "^$b +2026-11-25T12:00:00Z +2026-11-25T12:00:00Z +no +0 +1 +0 +-$" "$work/out"
check "but not its text" not grep -q "$marker" "$work/out"
# (a timestamp's T: a random id may hold "2026" but never a T)
check "the columns line up" sh -c "awk '{ print index(\$0, \"2026-11-25T\") }' '$work/out' | tail -n +2 | sort -u | wc -l | grep -qx 1"

# --- keys
ssh-keygen -q -t ed25519 -N '' -C admin-test -f "$work/key"
fp=$(ssh-keygen -l -f "$work/key.pub" | cut -d' ' -f2)
check "ssh-keygen made a key" test -n "$fp"
check "bind-key with the key line" run 0 --db "$db" admin bind-key "$(cat "$work/key.pub")" "$b"
check "says which fingerprint opens whose workbook" grep -qF "$fp (ssh-ed25519) now opens the workbook of $b." "$work/out"
check "admin keys" run 0 --db "$db" admin keys
check "keys: a header line" sh -c "head -n 1 '$work/out' | grep -q '^FINGERPRINT  *TYPE  *USER  *CREATED  *LAST SEEN$'"
# (a fingerprint holds + and /: compared as text, not as a pattern)
check "lists the key, its type and its user" sh -c "awk -v fp='$fp' -v u='$b' '\$1 == fp && \$2 == \"ssh-ed25519\" && \$3 == u { found = 1 } END { exit !found }' '$work/out'"
check "keys --user of someone else: none" run 0 --db "$db" admin keys --user "$a"
check "only the header" test "$(wc -l <"$work/out")" = 1
check "users counts the key" sh -c "'$bin' --db '$db' admin users | grep -qE '^$b .* no +1 +1 +0 +-$'"
check "a bare fingerprint needs --type" run 2 --db "$db" admin bind-key "$fp" "$a"
check "and says so" grep -q -- "--type TYPE" "$work/err"
check "with --type, after the words, it moves the key" run 0 --db "$db" admin bind-key "$fp" "$a" --type ssh-ed25519
check "and says from whom" grep -qF "opened the workbook of $b; it now opens $a's." "$work/out"
check "the key opens the other workbook now" test "$(q "SELECT user_id FROM ssh_keys WHERE fingerprint = '$fp'")" = "$a"
check "a type that is no type" run 1 --db "$db" admin bind-key "$fp" "$a" --type 'ssh ed25519'
check "a line that is no key" run 1 --db "$db" admin bind-key "ssh-ed25519 AAAAnotakey" "$a"
check "an unknown user" run 1 --db "$db" admin bind-key "$(cat "$work/key.pub")" nobody
check "is named" grep -q "no such user: nobody" "$work/err"
check "unbind-key" run 0 --db "$db" admin unbind-key "$fp"
check "the key is gone" test "$(q 'SELECT count(*) FROM ssh_keys')" = 0
check "unbind-key again" run 1 --db "$db" admin unbind-key "$fp"
check "bind it to the writer again" run 0 --db "$db" admin bind-key "$(cat "$work/key.pub")" "$b"

# --- custom skills: one proposed by the writer, one with ESC in its name (a database changed
# by hand: the program itself refuses such a name)
q "INSERT INTO skills (id, name, category, is_custom, created_by, review_status, created_at)
   VALUES ('skill-bee', 'Beekeeping', 'knowledge', 1, '$b', 'pending', '2026-11-25T11:00:00Z'),
          ('skill-esc', 'Red' || char(27) || '[31m alert', NULL, 1, '$a', 'pending',
           '2026-11-25T11:30:00Z')"
check "skills pending" run 0 --db "$db" admin skills pending
check "skills: a header line" sh -c "head -n 1 '$work/out' | grep -q '^ID  *CREATED  *CATEGORY  *PROPOSED BY  *NAME$'"
check "lists the proposal and who made it" grep -qE "^skill-bee +2026-11-25T11:00:00Z +knowledge +$b +Beekeeping$" "$work/out"
check "a name with ESC is shown sanitised" grep -qF 'Red^[[31m alert' "$work/out"
check "no control byte reaches the terminal" clean_text "$work/out"
check "approve" run 0 --db "$db" admin skills approve skill-bee
check "approved in the database" test "$(q "SELECT review_status FROM skills WHERE id = 'skill-bee'")" = approved
# the same name proposed by another person (who could not see the first): merged, not doubled
q "INSERT INTO skills (id, name, category, is_custom, created_by, review_status, created_at)
   VALUES ('skill-bee2', 'bee  keeping', NULL, 1, '$a', 'pending', '2026-11-25T11:40:00Z')"
check "approve a second of the same name" run 0 --db "$db" admin skills approve skill-bee2
check "says it merged" grep -qF "Merged: skill skill-bee2 has the name of skill skill-bee, which is on everyone's list already" "$work/out"
check "the second proposal is gone" test "$(q "SELECT count(*) FROM skills WHERE id = 'skill-bee2'")" = 0
# two proposals of one name pending: approving one gathers the other
q "INSERT INTO skills (id, name, category, is_custom, created_by, review_status, created_at)
   VALUES ('skill-knit', 'Knitting', NULL, 1, '$a', 'pending', '2026-11-25T11:41:00Z'),
          ('skill-knit2', 'KNITTING', NULL, 1, '$b', 'pending', '2026-11-25T11:42:00Z')"
check "approve one of two of the same name" run 0 --db "$db" admin skills approve skill-knit
check "says the other joined it" grep -qF "Approved: skill skill-knit is on everyone's list now; 1 other proposal of the same name joined it, with its tags." "$work/out"
check "the other proposal is gone" test "$(q "SELECT count(*) FROM skills WHERE id = 'skill-knit2'")" = 0
check "reject" run 0 --db "$db" admin skills reject skill-esc
check "rejected in the database" test "$(q "SELECT review_status FROM skills WHERE id = 'skill-esc'")" = rejected
check "nothing pending now" run 0 --db "$db" admin skills pending
check "only the header" test "$(wc -l <"$work/out")" = 1
master=$(q 'SELECT id FROM skills WHERE is_custom = 0 LIMIT 1')
check "a master skill is not reviewed" run 1 --db "$db" admin skills approve "$master"
check "an unknown skill" run 1 --db "$db" admin skills reject nothing-here
check "skills without a word" run 2 --db "$db" admin skills
check "approve without an id" run 2 --db "$db" admin skills approve

# --- stats
check "stats" run 0 --db "$db" admin stats
check "stats: a header line" sh -c "head -n 1 '$work/out' | grep -q '^MEASURE  *VALUE$'"
check "users" grep -qE '^users +2$' "$work/out"
check "claimed users" grep -qE '^claimed users +1$' "$work/out"
check "SSH keys" grep -qE '^SSH keys +1$' "$work/out"
check "who is on now, and what that means" grep -qE '^users active in the last 15 minutes +2$' "$work/out"
check "saves in the last minute" grep -qE '^saves in the last minute +1$' "$work/out"
check "saves in the last 10 minutes" grep -qE '^saves in the last 10 minutes +1$' "$work/out"
size=$(stat -c %s "$db")
check "the database's size" grep -qE "^database file, bytes +$size$" "$work/out"
check "the log's size" grep -qE '^write-ahead log \(-wal\), bytes +[0-9]+$' "$work/out"

# --- backup while others write: an sqlite3 shell holding the database open and inserting a
# row every few milliseconds, and dreamtree itself binding keys over and over
(
    echo '.timeout 10000'
    i=0
    while [ $i -lt 300 ]; do
        echo "INSERT INTO sessions VALUES ('writer-$i', '$b', '2026-11-25T12:00:00Z', '2026-11-25T12:00:00Z');"
        i=$((i + 1))
        sleep 0.01
    done
) | sqlite3 "$db" >/dev/null 2>"$work/writer-err" &
writers="$writers $!"
writer_shell=$!
(
    i=0
    while [ $i -lt 20 ]; do
        "$bin" --db "$db" admin bind-key "SHA256:$(printf '%043d' $i)" "$a" --type ssh-ed25519 \
            >/dev/null 2>>"$work/binder-err" || echo "bind $i failed" >>"$work/binder-err"
        i=$((i + 1))
    done
) &
writers="$writers $!"
binder=$!
tries=0
while [ "$(q "SELECT count(*) FROM sessions WHERE id LIKE 'writer-%'")" -lt 20 ] && [ $tries -lt 3000 ]; do
    sleep 0.01
    tries=$((tries + 1))
done
check "the writers are writing" test "$(q "SELECT count(*) FROM sessions WHERE id LIKE 'writer-%'")" -ge 20
check "admin backup while they write" run 0 --db "$db" admin backup "$work/backup.db"
check "says the copy passed its check" grep -q 'integrity_check: ok' "$work/out"
wait "$writer_shell"
wait "$binder"
writers=""
check "the shell's every insert went in" test "$(q "SELECT count(*) FROM sessions WHERE id LIKE 'writer-%'")" = 300
check "and none failed" test ! -s "$work/writer-err"
check "every bind-key of dreamtree's went in" test "$(q "SELECT count(*) FROM ssh_keys WHERE fingerprint LIKE 'SHA256:000%'")" = 20
check "without an error" test ! -s "$work/binder-err"
check "the copy is 0600" test "$(stat -c %a "$work/backup.db")" = 600
check "nothing half-written is left" test -z "$(ls "$work" | grep partial)"
check "integrity_check of the copy" test "$(sqlite3 "$work/backup.db" 'PRAGMA integrity_check')" = ok
check "the copy has the users" test "$(sqlite3 "$work/backup.db" 'SELECT count(*) FROM users')" = 2
check "and the answer" test "$(sqlite3 "$work/backup.db" "SELECT count(*) FROM exercise_responses WHERE id = 'r1'")" = 1
copied=$(sqlite3 "$work/backup.db" "SELECT count(*) FROM sessions WHERE id LIKE 'writer-%'")
check "and the writer's rows of one moment ($copied)" test "$copied" -ge 20
check "dreamtree opens the copy" run 0 --db "$work/backup.db" admin users
check "with both users" test "$(wc -l <"$work/out")" = 3
check "a backup onto an existing file" run 1 --db "$db" admin backup "$work/backup.db"
check "says how to replace it" grep -q -- 'exists already: give --force' "$work/err"
check "--force replaces it" run 0 --db "$db" admin backup --force "$work/backup.db"
check "a backup onto the database itself" run 1 --db "$db" admin backup "$db" --force
check "is refused" grep -q 'is the database itself' "$work/err"
check "the database is whole" test "$(q 'PRAGMA integrity_check')" = ok
check "backup without a file" run 2 --db "$db" admin backup

# --- delete-user
check "delete-user without --yes and no terminal" run 2 --db "$db" admin delete-user "$b"
check "an unknown user" run 1 --db "$db" admin delete-user nobody --yes
check "delete-user --yes" run 0 --db "$db" admin delete-user "$b" --yes
check "the user is gone" test "$(q "SELECT count(*) FROM users WHERE id = '$b'")" = 0
check "with their answers" test "$(q "SELECT count(*) FROM exercise_responses WHERE user_id = '$b'")" = 0
check "their sessions" test "$(q "SELECT count(*) FROM sessions WHERE user_id = '$b'")" = 0
check "their keys" test "$(q "SELECT count(*) FROM ssh_keys WHERE user_id = '$b'")" = 0
check "their settings" test "$(q "SELECT count(*) FROM user_settings WHERE user_id = '$b'")" = 0
check "the approved skill stays, without its author" test "$(q "SELECT review_status || ':' || ifnull(created_by, '') FROM skills WHERE id = 'skill-bee'")" = "approved:"
check "the other user stays" test "$(q 'SELECT count(*) FROM users')" = 1

# --- usage
check "admin alone" run 2 --db "$db" admin
check "an unknown subcommand" run 2 --db "$db" admin frob
check "users takes no words" run 2 --db "$db" admin users extra
check "an option a subcommand does not take" run 2 --db "$db" admin stats --force
check "no database" run 1 --db "$work/none.db" admin users
check "says so" grep -q 'no database there yet' "$work/err"
check "and makes none" test ! -e "$work/none.db"

check "no admin command ever showed the answer's text" not grep -q "$marker" "$work/all"

echo "1..$n"
[ "$failed" -eq 0 ]
