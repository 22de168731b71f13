#!/bin/sh
# The curses face in a real terminal: dreamtree under tmux at 80x24 with a fresh HOME and the
# fixture content. Open the first exercise, type an answer (with a Chinese word), submit with
# Ctrl+S, shrink the window below the minimum and back, paste two lines (with a colour) into a
# line field as a bracketed paste, leave; the answer must be in the database, the hardware
# cursor on the focused row, and bracketed paste off again once the program has left. Then the
# kill -9 test: type into the next exercise, wait past the 0.5 s debounce, kill -9, start again:
# the draft is there. Then what the terminal can throw at it: bytes that are not UTF-8 (left out
# with a note, typing goes on), the end of input (typing kept, a status that is not 0), SIGHUP
# and SIGTERM just after typing (the typing is in the draft).
# TAP output; "1..0 # SKIP" without tmux. Usage: tmux.sh DREAMTREE SOURCE_ROOT
set -u
bin=$1
root=$2
if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dreamtree-tmux-XXXXXX")
sock="$work/tmux.sock"
tm() { tmux -S "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$work"' EXIT
mkdir -p "$work/home"
db="$work/home/.local/share/dreamtree/dreamtree.db"

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
    screen | sed 's/^/#   /'
}
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

# The program as the pane's only process (exec), so the pane's pid is dreamtree's; the exit
# status goes to a file.
cat >"$work/run.sh" <<EOF
#!/bin/sh
export HOME="$work/home" DREAMTREE_CONTENT="$root/tests/fixtures/content"
export DREAMTREE_NOW=2026-11-25T12:00:00Z LC_ALL=C.UTF-8
# LINES and COLUMNS would pin ncurses to one size (the test environment sets them)
unset XDG_DATA_HOME XDG_STATE_HOME DREAMTREE_DB ACCESSIBLE NO_COLOR COLORTERM LINES COLUMNS
if [ "\${1:-}" = exec ]; then exec "$bin"; fi
# nohup: the hang-up signal ignored, so only the end of input tells the terminal is gone
if [ "\${1:-}" = nohup ]; then trap '' HUP; fi
"$bin" 2>"$work/stderr"
echo \$? >"$work/status"
# what a paste into the shell's terminal gives now: markers around it if the mode were left on
if [ "\${1:-}" = read-after ]; then IFS= read -r line; printf '%s' "\$line" >"$work/after"; fi
EOF
chmod +x "$work/run.sh"

screen() { tm capture-pane -p -t dt 2>/dev/null; }
# wait_for TEXT: up to 10 s for the screen to show TEXT
# The waits end as soon as what they wait for is there; their limits (30 s) are for a machine
# loaded by other jobs, where a frame or an exit can take seconds.
wait_for() {
    i=0
    while [ $i -lt 300 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
# the screen row (from 0) of the first line holding TEXT, and the cursor's row
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | awk '{print $1 - 1}'; }
cursor_y() { tm display -p -t dt '#{cursor_y}'; }
start() {
    rm -f "$work/status" "$work/after"
    tm new-session -d -s dt -x 80 -y 24 "$work/run.sh $1"
    tm set-option -t dt remain-on-exit off >/dev/null 2>&1
}
# to the Daily Dos (a first run opens the welcome, which Esc leaves)
to_daily_dos() {
    i=0
    while [ $i -lt 300 ]; do
        screen | grep -qF "Welcome to DreamTree" && { tm send-keys -t dt Escape; sleep 0.3; }
        screen | grep -qE "(Start|Continue) the workbook" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# wait_file FILE: up to 10 s for FILE to be written
wait_file() {
    i=0
    while [ ! -s "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
}
# after a read-after run has left: paste "after" into the shell's read, as the person would
paste_after() {
    tm set-buffer -b dt-after "after"
    tm paste-buffer -p -b dt-after -t dt
    tm send-keys -t dt Enter
    wait_file "$work/after"
}
# gone: up to 5 s for the session to end
gone() {
    i=0
    while tm has-session -t dt 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    # never start the next run beside one that did not leave: its checks would read this screen
    tm kill-session -t dt 2>/dev/null || true
}

# ---- a session: answer, submit, resize, paste, leave ----
start read-after
check "starts and reaches the Daily Dos" to_daily_dos
check "the cursor is on the focused card" '[ "$(cursor_y)" = "$(row_of "Start the workbook")" ]'
# End and Home as rxvt sends them (ESC [ 8 ~, ESC [ 7 ~), which this terminal's description
# does not name: keys still, never Esc (which here would leave) and three characters
tm send-keys -t dt -H 1b 5b 38 7e
check "an unnamed End goes to the end of the page" 'sleep 0.3; [ "$(cursor_y)" = "$(row_of "[ Leave DreamTree ]")" ]'
tm send-keys -t dt -H 1b 5b 37 7e
check "an unnamed Home goes back to the top" 'sleep 0.3; [ "$(cursor_y)" = "$(row_of "Start the workbook")" ]'
check "neither left the Daily Dos" 'tm has-session -t dt 2>/dev/null && screen | grep -qF "Daily Dos"'
tm send-keys -t dt Enter
check "Enter opens the first exercise" 'wait_for "Exercise 1.1.1: Every job"'
check "the cursor is in the answer" '[ "$(cursor_y)" = "$(row_of "    1.")" ]'
tm send-keys -t dt -l "Baker 面包师"
tm send-keys -t dt Enter
tm send-keys -t dt -l "Nurse"
check "typed text shows, wide characters too" 'wait_for "2. Nurse" && screen | grep -qF "1. Baker 面包师"'
check "the cursor follows the typing" '[ "$(cursor_y)" = "$(row_of "2. Nurse")" ]'
tm send-keys -t dt C-s
check "Ctrl+S submits" 'wait_for "Saved."'
tm resize-window -t dt -x 30 -y 10
check "too small: one clear message" 'wait_for "Make the window at least 40"'
tm resize-window -t dt -x 80 -y 24
check "back to 80x24: the exercise again" 'wait_for "Exercise 1.1.1: Every job"'
# Ctrl+F reaches the program from a form (the terminal delivers it) and searches what was written
tm send-keys -t dt C-f
check "Ctrl+F on a form opens the search" 'wait_for "Search your writing"'
tm send-keys -t dt -l "BAKER"
check "the search finds as it is typed" 'wait_for "1 place holds \"BAKER\""'
tm send-keys -t dt Escape
wait_for "Exercise 1.1.1: Every job"
tm send-keys -t dt Escape
check "Esc goes back to the Daily Dos" 'wait_for "Continue the workbook"'
# the exercise unlocked the lists: a new list's first question is a line
tm send-keys -t dt t
wait_for "Lists [open]" && tm send-keys -t dt Enter
wait_for "Start a list" && tm send-keys -t dt Enter
check "a new list asks its title" 'wait_for "What is the list of?"'
tm set-buffer -b dt-paste "$(printf 'Jobs\nI \033[31mliked')"
tm paste-buffer -p -b dt-paste -t dt
check "a paste arrives whole: its newline is a space, not Enter" \
    'wait_for "List: Jobs I liked" && [ "$(cursor_y)" = "$(row_of "    Jobs I liked")" ]'
check "the colour in the paste is not text" '! screen | grep -qF "31m"'
tm send-keys -t dt Escape
wait_for "Your Lists" && tm send-keys -t dt Escape
wait_for "Your tools" && tm send-keys -t dt Escape
check "back to the Daily Dos" 'wait_for "Continue the workbook"'
tm send-keys -t dt Q
wait_file "$work/status"
check "Q leaves with status 0" '[ "$(cat "$work/status" 2>/dev/null)" = 0 ]'
check "nothing on stderr" '[ ! -s "$work/stderr" ]'
paste_after
check "bracketed paste is off after leaving" '[ "$(cat "$work/after" 2>/dev/null)" = after ]'
gone
if command -v sqlite3 >/dev/null 2>&1; then
    check "the answer is in exercise_responses" \
        'sqlite3 "$db" "SELECT response_json FROM exercise_responses" | grep -qF "Baker 面包师"'
else
    ok "the answer is in exercise_responses # SKIP sqlite3 is not installed"
fi

# ---- kill -9 after typing: the debounced draft survives ----
start exec
check "a second run reaches the Daily Dos" to_daily_dos
tm send-keys -t dt Enter
check "the next exercise opens" 'wait_for "Exercise 1.1.2: A story"'
tm send-keys -t dt -l "Draft 草稿 typed"
check "the typing shows" 'wait_for "Draft 草稿 typed"'
sleep 1 # past the 0.5 s debounce
pid=$(tm display -p -t dt '#{pane_pid}')
kill -9 "$pid"
gone
if command -v sqlite3 >/dev/null 2>&1; then
    check "the draft was kept before the kill" \
        'sqlite3 "$db" "SELECT draft_json FROM drafts" | grep -qF "Draft 草稿 typed"'
fi
start run
check "a third run reaches the Daily Dos" to_daily_dos
tm send-keys -t dt Enter
check "the exercise shows the draft" 'wait_for "Draft 草稿 typed"'
check "and says it is back" 'screen | grep -qF "unsubmitted answers"'
tm send-keys -t dt C-c
check "Ctrl+C away from the Daily Dos asks first" 'wait_for "Leave DreamTree? What you wrote is kept."'
tm send-keys -t dt n
check "n stays" 'wait_for "Staying." && [ ! -f "$work/status" ]'
tm send-keys -t dt C-c
wait_for "Leave DreamTree?" && tm send-keys -t dt y
wait_file "$work/status"
check "Ctrl+C then y leaves with status 0" '[ "$(cat "$work/status" 2>/dev/null)" = 0 ]'
gone

# ---- SIGTERM at the Daily Dos: the terminal is restored, bracketed paste off ----
start read-after
check "a fourth run reaches the Daily Dos" to_daily_dos
kill -TERM $(ps -o pid= --ppid "$(tm display -p -t dt '#{pane_pid}')")
wait_file "$work/status"
paste_after
check "bracketed paste is off after SIGTERM" '[ "$(cat "$work/after" 2>/dev/null)" = after ]'

gone

# the pid of dreamtree under run.sh (the pane's shell runs it as its child)
child() { ps -o pid= --ppid "$(tm display -p -t dt '#{pane_pid}')" | tr -d ' '; }
# open the exercise with the draft (Resume Workbook) and type TEXT after it
type_in_draft() {
    tm send-keys -t dt Enter
    wait_for "Draft 草稿 typed" && tm send-keys -t dt C-e && tm send-keys -t dt -l "$1"
}
draft_has() { sqlite3 "$db" "SELECT draft_json FROM drafts" | grep -qF -- "$1"; }
have_sqlite() { command -v sqlite3 >/dev/null 2>&1; }

# ---- a byte that is not UTF-8 (a Latin-1 terminal's é, 8-bit meta): left out with a note ----
start run
check "a run for bytes that are not UTF-8 reaches the Daily Dos" to_daily_dos
type_in_draft " one"
check "typing shows" 'wait_for "typed one"'
sleep 1 # past the debounce: the read now waits with no timeout, where the byte froze the input
tm send-keys -t dt -H e9
check "a lone 0xE9 is left out, and the status line says so" 'wait_for "not UTF-8"'
tm send-keys -t dt -l " two"
check "typing goes on after it" 'wait_for "typed one two"'
tm send-keys -t dt -H e1
tm send-keys -t dt -l "x three"
check "a lead byte cut short by ASCII: the ASCII is kept" 'wait_for "typed one twox three"'
tm send-keys -t dt C-c && wait_for "Leave DreamTree?" && tm send-keys -t dt y
wait_file "$work/status"
check "Ctrl+C still leaves, with status 0" '[ "$(cat "$work/status" 2>/dev/null)" = 0 ]'
gone
if have_sqlite; then
    check "what was typed around the bytes is kept" 'draft_has "typed one twox three"'
fi

# ---- the end of input (the terminal closed, hang-up ignored): typing kept, status not 0 ----
start nohup
check "a nohup run reaches the Daily Dos" to_daily_dos
type_in_draft " four"
check "typing shows before the end" 'wait_for "three four"'
tm kill-session -t dt
wait_file "$work/status"
check "the end of input leaves with a status that is not 0" \
    '[ -s "$work/status" ] && [ "$(cat "$work/status")" != 0 ]'
if have_sqlite; then
    check "what was typed before the end is kept" 'draft_has "three four"'
fi

# ---- SIGHUP and SIGTERM at once after typing: the typing is saved on the way out ----
start run
check "a run for SIGHUP reaches the Daily Dos" to_daily_dos
type_in_draft " five"
wait_for "four five" && kill -HUP "$(child)"
wait_file "$work/status"
check "SIGHUP leaves with status 129" '[ "$(cat "$work/status" 2>/dev/null)" = 129 ]'
gone
if have_sqlite; then
    check "the typing just before SIGHUP is in the draft" 'draft_has "four five"'
fi
start run
check "a run for SIGTERM reaches the Daily Dos" to_daily_dos
type_in_draft " six"
wait_for "five six" && kill -TERM "$(child)"
wait_file "$work/status"
check "SIGTERM leaves with status 143" '[ "$(cat "$work/status" 2>/dev/null)" = 143 ]'
gone
if have_sqlite; then
    check "the typing just before SIGTERM is in the draft" 'draft_has "four five six"'
fi
start run
check "a run after the signals reaches the Daily Dos" to_daily_dos
tm send-keys -t dt Enter
check "the exercise shows all of it" 'wait_for "four five six"'
tm send-keys -t dt C-c && wait_for "Leave DreamTree?" && tm send-keys -t dt y
wait_file "$work/status"
gone

# ---- an emoji family: drawn side by side, in the columns ncurses counts, before and after a
# resize (tmux joins the family into 2 columns; ncurses counts 6: the rest of the row was off) ----
start run
check "a run for the family reaches the Daily Dos" to_daily_dos
type_in_draft " $(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247') end"
apart=$(printf '\360\237\221\250\360\237\221\251\360\237\221\247')
check "the family shows side by side" 'wait_for "$apart end"'
tm resize-window -t dt -x 60 -y 24
wait_for "Tab Next" >/dev/null
tm resize-window -t dt -x 80 -y 24
check "after a resize: no joiner on the screen, nothing left over" \
    'sleep 0.3; wait_for "$apart end" && ! screen | grep -qF "$(printf "\342\200\215")" &&
     [ "$(screen | grep -c "end")" = 1 ]'
check "the cursor is after it" '[ "$(cursor_y)" = "$(row_of "$apart end")" ]'
tm send-keys -t dt C-c && wait_for "Leave DreamTree?" && tm send-keys -t dt y
wait_file "$work/status"
gone

# ---- text mode chosen in the settings: the full screen hands over at once ----
start run
check "a fifth run reaches the Daily Dos" to_daily_dos
tm send-keys -t dt s
wait_for "Background colour" && tm send-keys -t dt Tab Tab Tab Down Space C-s
check "text mode goes on in the same run" 'wait_for "Settings saved. Text mode from now on." &&
    wait_for "Choose 1-"'
tm send-keys -t dt q Enter
wait_file "$work/status"
check "and leaves with status 0" '[ "$(cat "$work/status" 2>/dev/null)" = 0 ]'
gone

echo "1..$n"
[ "$failed" -eq 0 ]
