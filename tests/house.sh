#!/bin/sh
# The house's layering rules that the compiler alone does not check (HACKING.md, DESIGN.md 2):
# no header of ours named like one the compiler finds by itself, no ncurses reaching screens/ or
# main.c and cli*.c, SQLite only in db/, no child processes in the program. TAP output.
# Usage: house.sh SOURCE_ROOT CC...
set -u
root=$1
shift
cd "$root" || exit 1

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
program_dirs="db tui seed screens"

# --- header names: an #include <x.h> the compiler can satisfy without our folders would find
# ours instead wherever our folder is on the include path (tui/curses.h once hid ncurses')
clash=""
for h in $(ls db/*.h tui/*.h seed/*.h screens/*.h tests/*.h bench/*.h 2>/dev/null); do
    name=${h##*/}
    if printf '#include <%s>\n' "$name" | "$@" -E -x c - >/dev/null 2>&1; then
        clash="$clash $h"
    fi
done
if [ -z "$clash" ]; then
    ok "no header of ours shares its name with a system or library header"
else
    not_ok "no header of ours shares its name with a system or library header"
    echo "#   named like a system header:$clash"
fi

# --- what a file reaches through its quoted includes, looked up as the build does (the
# including file's folder, then each folder on the include path)
reaches() { # reaches FILE PATTERN: prints the first file FILE includes (or is) that matches
    seen=" "
    todo=$1
    while [ -n "$todo" ]; do
        set -- $todo
        f=$1
        shift
        todo="$*"
        case "$seen" in *" $f "*) continue ;; esac
        seen="$seen$f "
        if grep -Eq "$pattern" "$f"; then
            echo "$f"
            return 0
        fi
        for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
            for d in "${f%/*}" $program_dirs; do
                if [ -f "$d/$inc" ]; then
                    todo="$todo $d/$inc"
                    break
                fi
            done
        done
    done
    return 1
}

pattern='^#include <(n?curses|term|panel|form|menu)\.h>'
bad=""
for f in screens/*.c screens/tools/*.c main.c cli*.c; do
    hit=$(reaches "$f") && bad="$bad $f (through $hit)"
done
if [ -z "$bad" ]; then
    ok "screens/, main.c and cli*.c do not compile against ncurses"
else
    not_ok "screens/, main.c and cli*.c do not compile against ncurses"
    echo "#   reaches ncurses:$bad"
fi

pattern='^#include <sqlite3\.h>'
bad=""
for f in tui/*.c seed/*.c screens/*.c screens/tools/*.c main.c cli*.c; do
    hit=$(reaches "$f") && bad="$bad $f (through $hit)"
done
if [ -z "$bad" ]; then
    ok "only db/ sees SQLite"
else
    not_ok "only db/ sees SQLite"
    echo "#   reaches sqlite3.h:$bad"
fi

# --- no child processes, ever (DESIGN.md 6)
calls=$(grep -nE '\b(system|popen|fork|vfork|posix_spawnp?|exec[lv]p?e?)[[:space:]]*\(' \
    $(for d in $program_dirs; do ls "$d"/*.c "$d"/*.h; done) screens/tools/*.c main.c cli*.c cli.h \
    2>/dev/null)
if [ -z "$calls" ]; then
    ok "the program starts no child process"
else
    not_ok "the program starts no child process"
    printf '%s\n' "$calls" | sed 's/^/#   /'
fi

echo "1..$n"
