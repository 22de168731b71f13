#include "check.h"

int check_count, check_failed;
const char *check_test_name = "";

int check_at(const char *file, int line, int ok, const char *what)
{
    check_count++;
    if (!ok)
        check_failed++;
    printf("%s %d - %s: %s\n", ok ? "ok" : "not ok", check_count, check_test_name, what);
    if (!ok)
        printf("#   failed at %s:%d\n", file, line);
    fflush(stdout);
    return ok;
}

int check_str_at(const char *file, int line, const char *got, const char *want, const char *what)
{
    int ok = got && want ? strcmp(got, want) == 0 : got == want;
    check_at(file, line, ok, what);
    if (!ok)
        printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got ? got : "(null)",
               want ? want : "(null)");
    return ok;
}

int check_int_at(const char *file, int line, long long got, long long want, const char *what)
{
    int ok = got == want;
    check_at(file, line, ok, what);
    if (!ok)
        printf("#   got:  %lld\n#   want: %lld\n", got, want);
    return ok;
}

int check_done(void)
{
    printf("1..%d\n", check_count);
    return check_failed ? 1 : 0;
}
