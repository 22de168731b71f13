#!/bin/sh
# The command line, end to end: options, exit codes, first run, session resume, seed, today,
# content check, refused files, and the man page in step with --help. TAP output.
# Usage: cli.sh DREAMTREE SOURCE_ROOT
set -u
bin=$1
root=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/dreamtree-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_STATE_HOME DREAMTREE_DB DREAMTREE_CONTENT
export DREAMTREE_NOW=2026-11-25T12:00:00Z
fixtures="$root/tests/fixtures/content"

. "$(dirname "$0")/tap.sh"
run() { # run EXPECTED_STATUS ARGS... -> stdout in $work/out, stderr in $work/err
    want=$1
    shift
    "$bin" "$@" >"$work/out" 2>"$work/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "# dreamtree $* exited $got, expected $want; stderr:"
        sed 's/^/#   /' "$work/err"
        return 1
    fi
    return 0
}
mode() { stat -c %a "$1"; }
# clean_text FILE: no C0 control but newline, no DEL, no C1 control (as UTF-8 or as a raw
# byte), and valid UTF-8: what a terminal will not act on
not() { ! "$@"; }
clean_text() {
    ! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" &&
        ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
        iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
# run_in INPUT EXPECTED_STATUS ARGS...: like run, with INPUT on stdin (text mode reads it)
run_in() {
    input=$1
    shift
    printf '%s' "$input" >"$work/in"
    run "$@" <"$work/in"
}

# --- options and exit codes
check "--help exits 0" run 0 --help
check "--help shows usage" grep -q '^Usage:' "$work/out"
check "--version" run 0 --version
check "--version names the program" grep -qx 'dreamtree [0-9][0-9.]*' "$work/out"
check "unknown option is a usage error" run 2 --frobnicate
check "usage error says what" grep -q "unknown option '--frobnicate'" "$work/err"
check "unknown command is a usage error" run 2 fly
check "today takes no stray words" run 2 today now
check "content needs check" run 2 content lint
check "--db needs a value" run 2 --db
check "and says so" grep -q "option '--db' needs a value" "$work/err"
check "--user needs a value" run 2 today --user
# arguments echoed in usage errors reach stderr through the sanitiser: ESC, BEL, a C1 control
# (U+009B, CSI) as UTF-8 and as a raw byte
hostile=$(printf 'x\033]0;pwned\007\302\233\2332J\033[31my')
check "an unknown command with control bytes" run 2 "$hostile"
check "stderr holds no control byte" clean_text "$work/err"
check "and shows them as placeholders" grep -qF "unknown command 'x^[]0;pwned^G<U+009B>" "$work/err"
check "an unknown option with control bytes" run 2 "--$hostile"
check "stderr holds no control byte then either" clean_text "$work/err"
check "a stray word after today" run 2 today "$hostile"
check "is shown clean" clean_text "$work/err"
check "an option without its value" run 2 "--db"
for bad in 'ESC:a\033b' 'C1 as UTF-8:a\302\233b' 'C1 as a byte:a\233b' 'DEL:a\177b'; do
    printf "${bad#*:}\\n" >"$work/bad-bytes" # the check itself can fail
    check "clean_text refuses ${bad%%:*}" not clean_text "$work/bad-bytes"
done
check "no HOME, no orphan users" sh -c "env -u HOME -u XDG_STATE_HOME '$bin' --db '$work/nohome.db' >/dev/null 2>'$work/err'; test \$? = 1"
check "says why" grep -q 'cannot keep your session' "$work/err"
check "and made no user" test "$(sqlite3 "$work/nohome.db" 'SELECT count(*) FROM users')" = 0

# --- today before anything exists: quiet, and creates nothing
check "today with no database exits 0" run 0 today
check "today with no database prints nothing" test ! -s "$work/out"
check "today does not create a database" test ! -e "$HOME/.local/share/dreamtree/dreamtree.db"

# --- first run: database, user and session are made; the summary shows
check "first run exits 0" run_in '2
' 0
check "first run says what DreamTree is" grep -qx 'Welcome to DreamTree' "$work/out"
check "then opens the Daily Dos" grep -qx 'Daily Dos' "$work/out"
check "dated" grep -qx 'Note: Today is Wednesday, 25 November 2026.' "$work/out"
check "database file is 0600" test "$(mode "$HOME/.local/share/dreamtree/dreamtree.db")" = 600
check "database folder is 0700" test "$(mode "$HOME/.local/share/dreamtree")" = 700
check "session file is 0600" test "$(mode "$HOME/.local/state/dreamtree/session")" = 600
db="$HOME/.local/share/dreamtree/dreamtree.db"
check "first run seeded the tool types" test "$(sqlite3 "$db" 'SELECT count(*) FROM tool_types')" = 10
check "second run" run 0 </dev/null
check "opens the Daily Dos straight away" sh -c "head -n 1 '$work/out' | grep -qx 'Daily Dos'"
check "second run resumes the same user" test "$(sqlite3 "$db" 'SELECT count(*) FROM users')" = 1
check "one session kept" test "$(sqlite3 "$db" 'SELECT count(*) FROM sessions')" = 1
check "a bad DREAMTREE_NOW is not fatal" sh -c "DREAMTREE_NOW=tomorrow '$bin' today >/dev/null 2>&1"
check "and named" sh -c "DREAMTREE_NOW=tomorrow '$bin' today 2>&1 | grep -q 'DREAMTREE_NOW is not an ISO 8601 time'"

# --- a database with the fixture workbook: the resume card and due reminders
fx="$work/fixture.db"
check "seed a chosen folder" run 0 --db "$fx" seed "$fixtures"
check "seed reports what it loaded" grep -q 'Loaded 10 tool types, 3 personality types, 6 competencies, 12 skills, 3 references, 2 parts, 4 modules and 11 exercises.' "$work/out"
sqlite3 "$fx" .dump >"$work/dump1"
check "seed again" run 0 --db "$fx" seed "$fixtures"
sqlite3 "$fx" .dump >"$work/dump2"
check "seeding twice changes nothing" cmp -s "$work/dump1" "$work/dump2"
check "interactive run on the fixture db" run_in '2
' 0 --db "$fx"
check "the Daily Dos offer the first exercise" grep -qx 'Start the workbook: Every job \[next\]' "$work/out"
check "and the progress" grep -qx 'Modules complete: 0 of 4. Roots: 0 of 2. Trunk: 0 of 2.' "$work/out"
check "today prints the resume card" run 0 --db "$fx" today
check "today's line" test "$(cat "$work/out")" = "Start the workbook: Every job"
check "the first database keeps its own user" run 0 </dev/null
check "still one user there" test "$(sqlite3 "$db" 'SELECT count(*) FROM users')" = 1
check "and the fixture database keeps its user" run 0 --db "$fx" today
check "so today still answers for it" test "$(cat "$work/out")" = "Start the workbook: Every job"
user=$(sqlite3 "$fx" 'SELECT id FROM users')
# answer the first seven exercises by hand, then the reminders of the unlocked tools are due
sqlite3 "$fx" "INSERT INTO exercise_responses SELECT lower(hex(randomblob(16))), '$user', part_id,
  module_id, exercise_id, version, full_exercise_id, '{}', '2026-11-20T10:00:00Z'
  FROM exercise_sequence WHERE sequence_order <= 7"
check "today --user" run 0 --db "$fx" today --user "$user"
cat >"$work/want" <<'TXT'
Continue the workbook: Ideas
Flow Log: Track your flow today
Reframe: Turn one setback from this week into a lesson
SOARED Story: Write down a recent challenge as a SOARED story
Budget: Check your budget against this month's spending
TXT
check "today lists the due reminders in order" cmp -s "$work/want" "$work/out"
check "today --user for a stranger fails" run 1 --db "$fx" today --user nobody
check "and says so" grep -q 'no such user: nobody' "$work/err"

# --- new content (a new release) is loaded on the next start, without `seed`
cp -r "$fixtures" "$work/content"
export DREAMTREE_CONTENT="$work/content"
check "run with a content folder" run_in '2
' 0 --db "$work/evolving.db"
check "shows its first exercise" grep -qx 'Start the workbook: Every job \[next\]' "$work/out"
sed -i 's/^### Exercise 1.1.1: Every job$/### Exercise 1.1.1: Every job, course and project/' \
    "$work/content/workbook/1-1-roots.md"
check "run after the content changed" run 0 --db "$work/evolving.db" </dev/null
check "shows the new title" grep -qx 'Start the workbook: Every job, course and project \[next\]' "$work/out"
check "says the workbook was updated" grep -qx 'Note: The workbook has been updated.' "$work/out"
printf '### Exercise 9.9.9: Out of place\n' >"$work/content/workbook/1-1-roots.md"
check "run after broken content arrived" run 0 --db "$work/evolving.db" </dev/null
check "says it stays as it was" grep -q "new content could not be loaded, so it stays as it was" \
    "$work/out"
check "and it does" grep -qx 'Start the workbook: Every job, course and project \[next\]' "$work/out"
check "nothing on stderr then" test ! -s "$work/err"
unset DREAMTREE_CONTENT

# --- text from the database reaches the terminal only through the sanitiser
sqlite3 "$fx" "UPDATE workbook_titles SET title = 'Evil' || char(27) || ']0;pwned' || char(7)
  || char(155) || 'x' WHERE node_id = '2.2.1.v1'"
check "today with a hostile title" run 0 --db "$fx" today --user "$user"
check "no escape or control byte leaves" sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$work/out' || \
    test \"\$(LC_ALL=C tr -d '\n' <'$work/out' | LC_ALL=C grep -c '[[:cntrl:]]')\" = 0"
check "the title shows its escape as ^[" grep -q 'Evil^\[\]0;pwned^G<U+009B>x' "$work/out"

# --- files that are not dreamtree databases are refused and left alone
: >"$work/empty.db"
check "an empty file is refused" run 1 --db "$work/empty.db" today --user x
check "with a clear message" grep -q 'not a dreamtree database (the file is empty)' "$work/err"
check "and stays empty" test ! -s "$work/empty.db"
head -c 8192 /dev/urandom >"$work/noise.db"
cp "$work/noise.db" "$work/noise.orig"
check "random bytes are refused" run 1 --db "$work/noise.db"
check "random bytes are not modified" cmp -s "$work/noise.db" "$work/noise.orig"
sqlite3 "$work/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
cp "$work/other.db" "$work/other.orig"
check "another program's database is refused" run 1 --db "$work/other.db" seed "$fixtures"
check "names the problem" grep -q 'an SQLite file of another program' "$work/err"
check "and is not modified" cmp -s "$work/other.db" "$work/other.orig"

# --- a dreamtree database whose structure was changed by hand is refused and left alone
run 0 --db "$work/shape.db" seed "$fixtures" >/dev/null
for change in "dropped-table:DROP TABLE drafts" \
    "renamed-column:ALTER TABLE users RENAME COLUMN created_at TO made_at" \
    "raising-trigger:CREATE TRIGGER t BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'no'); END" \
    "$(printf 'hostile-trigger:CREATE TRIGGER "t\033]0;x\007" BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, '"'"'\033[2J\302\233y'"'"'); END')"
do
    name=${change%%:*}
    cp "$work/shape.db" "$work/$name.db"
    sqlite3 "$work/$name.db" "${change#*:}"
    cp -p "$work/$name.db" "$work/$name.orig"
    touch -d '2001-02-03 04:05:06' "$work/$name.db"
    for args in "today --user x" "" "seed $fixtures"; do
        # shellcheck disable=SC2086 # args are words
        check "$name: refused (${args:-interactive})" run_in '' 1 --db "$work/$name.db" $args
        check "$name: says the structure was changed" \
            grep -q 'database structure was changed outside dreamtree' "$work/err"
        check "$name: stderr holds no control byte" clean_text "$work/err"
    done
    check "$name: the file is byte for byte as it was" cmp -s "$work/$name.db" "$work/$name.orig"
    check "$name: and its time of change too" \
        test "$(stat -c %y "$work/$name.db")" = "$(date -d '2001-02-03 04:05:06' '+%Y-%m-%d %H:%M:%S.000000000 %z')"
    check "$name: nothing beside it" test ! -e "$work/$name.db-wal" -a ! -e "$work/$name.db-journal"
done

# --- a database you cannot write: today reads it; a session or a seed is refused up front,
# with a clear message, and nothing is left beside the file. As root, file modes do not stop
# writes: the tests then run without CAP_DAC_OVERRIDE (setpriv), and skip, saying why, where
# that is not possible.
as_user=""
if [ "$(id -u)" = 0 ]; then
    as_user="setpriv --bounding-set=-dac_override,-dac_read_search"
fi
printf 'x\n' >"$work/probe" && chmod 0400 "$work/probe"
if [ -n "$as_user" ] && ! $as_user true 2>/dev/null; then
    modes_hold="running as root, and setpriv is missing or cannot drop CAP_DAC_OVERRIDE here"
elif $as_user sh -c "printf y >>'$work/probe'" 2>/dev/null; then
    modes_hold="file modes do not stop writes for this user (root with CAP_DAC_OVERRIDE)"
else
    modes_hold=yes
fi
ro_check() { # ro_check DESCRIPTION COMMAND...: check, or skip with the reason
    if [ "$modes_hold" = yes ]; then check "$@"; else
        n=$((n + 1)); echo "ok $n - $1 # SKIP $modes_hold"
    fi
}
ro_run() { # ro_run like run, as a user whom file modes bind
    want=$1
    shift
    $as_user "$bin" "$@" >"$work/out" 2>"$work/err" <"$work/in"
    got=$?
    [ "$got" -eq "$want" ] || { echo "# exited $got, expected $want:"; sed 's/^/#   /' "$work/err"; }
    [ "$got" -eq "$want" ]
}
nothing_beside() { test ! -e "$1-wal" -a ! -e "$1-shm" -a ! -e "$1-journal"; }
mkdir -p "$work/ro"
run 0 --db "$work/ro/db" seed "$fixtures" >/dev/null
run_in '2
' 0 --db "$work/ro/db" # a user and a session to resume
ro_user=$(sqlite3 "$work/ro/db" 'SELECT id FROM users')
chmod 0400 "$work/ro/db"
cp -p "$work/ro/db" "$work/ro.orig"
printf '2\n' >"$work/in"
ro_check "a 0400 database: today reads it" ro_run 0 --db "$work/ro/db" today --user "$ro_user"
ro_check "and prints its Daily Dos" grep -qx 'Start the workbook: Every job' "$work/out"
ro_check "and leaves nothing beside it" nothing_beside "$work/ro/db"
ro_check "a session on it is refused" ro_run 1 --db "$work/ro/db"
ro_check "up front: nothing was shown" test ! -s "$work/out"
ro_check "saying the file cannot be written" grep -q 'database cannot be written: the file is read-only for you' "$work/err"
ro_check "so is a seed" ro_run 1 --db "$work/ro/db" seed "$fixtures"
ro_check "for the same reason" grep -q 'database cannot be written: the file is read-only for you' "$work/err"
ro_check "the file is as it was" cmp -s "$work/ro/db" "$work/ro.orig"
chmod 0500 "$work/ro"
ro_check "(nothing beside it to read from)" nothing_beside "$work/ro/db"
ro_check "a 0400 database in a 0500 folder: today reads it" ro_run 0 --db "$work/ro/db" today --user "$ro_user"
ro_check "and prints its Daily Dos there too" grep -qx 'Start the workbook: Every job' "$work/out"
ro_check "a session there is refused" ro_run 1 --db "$work/ro/db"
ro_check "saying why" grep -q 'database cannot be written: the file is read-only for you' "$work/err"
chmod 0700 "$work/ro"
chmod 0600 "$work/ro/db"
chmod 0500 "$work/ro"
ro_check "a writable database in a 0500 folder: a session is refused" ro_run 1 --db "$work/ro/db"
ro_check "saying the folder is read-only" grep -q 'database cannot be written: its folder is read-only for you' "$work/err"
ro_check "today still reads it" ro_run 0 --db "$work/ro/db" today --user "$ro_user"
ro_check "and prints" grep -qx 'Start the workbook: Every job' "$work/out"
ro_check "the folder stays empty but for it" test "$(ls -A "$work/ro")" = db
chmod 0700 "$work/ro"
# a change still in the write-ahead log (its writer did not check it in): a reader sees it
sqlite3 "$work/ro/db" ".dbconfig no_ckpt_on_close on" \
    "UPDATE workbook_titles SET title = 'Changed in the log' WHERE node_id = '1.1.1.v1'" >/dev/null
chmod 0400 "$work/ro/db" "$work/ro/db-wal" "$work/ro/db-shm"
chmod 0500 "$work/ro"
ro_check "a read-only database with its log beside it: today reads it" ro_run 0 --db "$work/ro/db" today --user "$ro_user"
ro_check "with the change in the log" grep -qx 'Start the workbook: Changed in the log' "$work/out"
chmod 0700 "$work/ro"

# --- content check
check "content check on the fixtures" run 0 content check "$fixtures"
check "says it is clean" grep -q '^Content is clean: 10 tool types' "$work/out"
check "content check on the project's content" run 0 content check "$root/content"
mkdir -p "$work/bad/workbook"
cp "$fixtures/tools.rec" "$work/bad/"
printf '# Part 1: P\n## Module 1.1: M\n### Exercise 1.1.1: E\nunlocks: nothing-here\n' \
    >"$work/bad/workbook/a.md"
check "content check on broken content exits 1" run 1 content check "$work/bad"
check "names file and line" grep -q "$work/bad/workbook/a.md:3: unknown tool \"nothing-here\"" "$work/err"
check "and counts the problems" grep -q 'content check: [0-9]* problems' "$work/err"
check "seed refuses broken content" run 1 --db "$work/bad.db" seed "$work/bad"
# thousands of repeated headings: each repeat once, the first 100 shown, the rest counted
mkdir -p "$work/repeats/workbook"
cp "$fixtures/tools.rec" "$work/repeats/"
awk 'BEGIN { for (i = 0; i <= 20000; i++) print "# Part 1: P\n## Module 1.1: M" }' \
    >"$work/repeats/workbook/a.md"
check "content check on 40,000 repeated headings" run 1 content check "$work/repeats"
check "shows the first 100 problems" \
    test "$(grep -c "^dreamtree: $work/repeats/workbook/a.md:[0-9]*: duplicate heading" "$work/err")" = 100
check "the first repeat first" grep -qx "dreamtree: $work/repeats/workbook/a.md:3: duplicate heading for part 1 (first at $work/repeats/workbook/a.md:1)" "$work/err"
check "says how many more it left out" grep -qx 'dreamtree: ... and 39900 more problems, not shown here' "$work/err"
check "and counts them all" grep -qx 'dreamtree: content check: 40000 problems' "$work/err"
check "nothing else" test "$(wc -l <"$work/err")" = 102
check "seed refuses them the same way" run 1 --db "$work/repeats.db" seed "$work/repeats"
check "with the same cap" grep -qx 'dreamtree: ... and 39900 more problems, not shown here' "$work/err"

# --- accounts, export and import (passwords from standard input; docs/security.md)
runin() { # runin INPUT EXPECTED_STATUS ARGS...: as run, with INPUT on standard input
    input=$1
    shift
    want=$1
    shift
    printf '%s' "$input" | "$bin" "$@" >"$work/out" 2>"$work/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "# dreamtree $* exited $got, expected $want; stderr:"
        sed 's/^/#   /' "$work/err"
        return 1
    fi
    return 0
}
acc="$work/accounts.db"
check "a workbook to claim" sh -c "printf '1\n1\nbaker\n.\nzq-marker-41 notes\n.\n2\nq\nq\nq\n' | HOME='$work/acchome' '$bin' --db '$acc' --plain >/dev/null 2>&1 || true; test -f '$acc'"
mkdir -p "$work/acchome"
export HOME="$work/acchome"
printf '1\n2\nq\n' | "$bin" --db "$acc" --plain >/dev/null 2>&1
sqlite3 "$acc" "INSERT INTO tool_instances (id, user_id, tool_type, origin, content_json, content_hash, created_at, updated_at) SELECT 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', id, 'list-builder', 'standalone', '{\"items\":[\"zq-marker-41\"]}', 'x', '2026-11-25T12:00:00Z', '2026-11-25T12:00:00Z' FROM users LIMIT 1" 2>/dev/null
check "claim without a terminal or --password-stdin: usage error" run 2 --db "$acc" account claim --email me@example.org
check "it says how to give the password" grep -q -- "--password-stdin" "$work/err"
check "claim: a short password is refused" runin 'short
' 1 --db "$acc" account claim --email me@example.org --password-stdin
check "and says why" grep -q "at least 10 characters" "$work/err"
check "claim: a bad email is refused" runin 'a long enough password
' 1 --db "$acc" account claim --email not-an-address --password-stdin
check "claim" runin 'a long enough password
' 0 --db "$acc" account claim --email ' Me@Example.org ' --password-stdin
check "claim warns before it claims" grep -q "If you lose both, nobody can read your writing again" "$work/out"
check "claim prints the recovery code" grep -qE '^    [0-9A-Z]{4}(-[0-9A-Z]{4}){7}$' "$work/out"
code=$(grep -oE '[0-9A-Z]{4}(-[0-9A-Z]{4}){7}' "$work/out")
check "the writing is sealed in the database" test "$(sqlite3 "$acc" "SELECT count(*) FROM tool_instances WHERE content_json LIKE '{\"dt_sealed\":%'")" = 1
check "no clear copy of the marker in the files" not grep -qs "zq-marker-41" "$acc" "$acc-wal"
check "claim again: refused" runin 'a long enough password
' 1 --db "$acc" account claim --email me@example.org --password-stdin
check "today works while locked" run 0 --db "$acc" today
check "export (as stored) needs no password" run 0 --db "$acc" export -o "$work/out.json"
check "the export file is 0600" test "$(mode "$work/out.json")" = 600
check "it carries the wrapped key, not the hash or the email" sh -c "grep -q '\"wrapped_data_key\"' '$work/out.json' && ! grep -q 'argon2id\\$' '$work/out.json' && ! grep -q 'me@example.org' '$work/out.json'"
check "export --format md needs the password" run 2 --db "$acc" export --format md -o "$work/book.md"
check "export --format md with a wrong password" runin 'not the password
' 1 --db "$acc" export --format md -o "$work/book.md" --password-stdin
check "and says so" grep -q "not this workbook's password" "$work/err"
export DREAMTREE_NOW=2026-11-25T12:01:00Z
check "account password" runin 'a long enough password
another long password
' 0 --db "$acc" account password --password-stdin
export DREAMTREE_NOW=2026-11-25T12:02:00Z
check "account recover with the code" runin "$code
recovered pass word
" 0 --db "$acc" account recover --email me@example.org --password-stdin
check "prints the next code" grep -qE '^    [0-9A-Z]{4}(-[0-9A-Z]{4}){7}$' "$work/out"
check "the used code no longer works" runin "$code
yet another password
" 1 --db "$acc" account recover --email me@example.org --password-stdin
export DREAMTREE_NOW=2026-11-25T12:30:00Z

# import into another workbook: a malformed file names the path; the preview; the merge
other="$work/import-into.db"
mkdir -p "$work/otherhome"
export HOME="$work/otherhome"
printf '2\nq\n' | "$bin" --db "$other" --plain >/dev/null 2>&1
printf '{"version":"1.1","exported_at":"2026-11-25T12:00:00Z","competency_scores":[],"modules":{"1.1":{"first_completed_at":null,"last_modified_at":"yesterday","exercises":{}}},"tool_instances":[],"custom_skills":[]}' >"$work/bad.json"
check "import: a malformed file" run 1 --db "$other" import "$work/bad.json" --dry-run
check "names the JSON path" grep -q 'bad.json: \$.modules\["1.1"\].last_modified_at: ' "$work/err"
check "import without --yes or a terminal: usage error" run 2 --db "$other" import "$work/out.json"
check "import --dry-run of an encrypted file needs its password" run 2 --db "$other" import "$work/out.json" --dry-run
check "import --dry-run with the file's password (as it was at the export)" runin 'a long enough password
' 0 --db "$other" import "$work/out.json" --dry-run --password-stdin
sed "s|$work|WORK|g" "$work/out" >"$work/preview"
[ -n "${DT_UPDATE_GOLDEN:-}" ] && cp "$work/preview" "$root/tests/golden/cli-import-preview.txt"
check "the preview matches tests/golden/cli-import-preview.txt" \
    cmp -s "$work/preview" "$root/tests/golden/cli-import-preview.txt"
check "the preview says what would change" grep -q "add 1 tool entry" "$work/preview"
check "a dry run changes nothing" test "$(sqlite3 "$other" 'SELECT count(*) FROM tool_instances')" = 0
check "import --yes" runin 'a long enough password
' 0 --db "$other" import "$work/out.json" --yes --password-stdin
check "the entry is there, readable" test "$(sqlite3 "$other" "SELECT count(*) FROM tool_instances WHERE content_json LIKE '%zq-marker-41%'")" = 1
check "import again: a duplicate, skipped" runin 'a long enough password
' 0 --db "$other" import "$work/out.json" --yes --password-stdin
check "says it skips it" grep -q "skip 1 tool entry already here" "$work/out"
check "account delete: the email must match" runin 'recovered pass word
' 1 --db "$acc" account delete --email someone@example.org --password-stdin
export HOME="$work/acchome"
check "account delete" runin 'recovered pass word
' 0 --db "$acc" account delete --email me@example.org --password-stdin
check "the user is gone" test "$(sqlite3 "$acc" 'SELECT count(*) FROM users')" = 0
export HOME="$work/home" DREAMTREE_NOW=2026-11-25T12:00:00Z

# --- text mode and a dropped connection: SIGHUP ends it at once, status 129
mkfifo "$work/hup-in"
(printf '2\n'; sleep 8) >"$work/hup-in" &
feeder=$!
"$bin" --db "$work/hup.db" --plain <"$work/hup-in" >/dev/null 2>&1 &
victim=$!
i=0 # until it has taken the first answer (a busy machine can take a while to start it)
# (sqlite3 would make an empty file where the database is not made yet: look for it first)
while ! { [ -s "$work/hup.db" ] && [ "$(sqlite3 -readonly "$work/hup.db" "SELECT count(*) FROM users" 2>/dev/null)" = 1 ]; } && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
sleep 0.5
t0=$(date +%s%N)
kill -HUP "$victim"
wait "$victim"
status=$?
t1=$(date +%s%N)
kill "$feeder" 2>/dev/null
check "text mode: SIGHUP ends it with status 129" test "$status" = 129
check "within a second" test $(((t1 - t0) / 1000000)) -lt 1000
check "what was answered before is kept (the welcome's settings)" test "$(sqlite3 "$work/hup.db" "SELECT count(*) FROM users")" = 1

# --- a huge pasted line in text mode: cut at 1 MiB with a note, nothing else happens
{ printf '2\n'; head -c 3145728 /dev/zero | tr '\0' 'x'; printf '\nq\n'; } >"$work/huge-in"
check "text mode takes a 3 MiB line" sh -c "HOME='$work/hugehome' '$bin' --db '$work/huge.db' --plain <'$work/huge-in' >'$work/huge-out' 2>&1"
check "says it kept the first MiB" grep -q "that line was longer than 1 MiB" "$work/huge-out"

# --- the man page lists the options --help lists
"$bin" --help | sed -n '/^Options:/,/^$/p' | grep -o -- '--[a-z][a-z-]*' | sort -u >"$work/help-opts"
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$root/docs/dreamtree.1" | grep -oE -- '\\-\\-[a-z]([a-z]|\\-)*' |
    sed 's/\\//g' | sort -u >"$work/man-opts"
check "--help has options to compare" test -s "$work/help-opts"
if cmp -s "$work/help-opts" "$work/man-opts"; then ok "man page OPTIONS match --help"; else
    not_ok "man page OPTIONS match --help"
    diff "$work/help-opts" "$work/man-opts" | sed 's/^/#   /'
fi

echo "1..$n"
[ "$failed" -eq 0 ]
