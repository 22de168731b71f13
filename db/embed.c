/* Build tool: turns a text file into a C definition `const char NAME[] = "...";`, so the schema
 * ships inside the program instead of beside it. Usage: embed NAME INPUT OUTPUT */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: embed NAME INPUT OUTPUT\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    FILE *out = fopen(argv[3], "wb");
    if (!in || !out) {
        /* the path is meson's, but a build folder's name may hold anything: it is not echoed */
        fprintf(stderr, "embed: cannot open the %s file (argument %d)\n", in ? "output" : "input",
                in ? 3 : 2);
        return 1;
    }
    /* A byte array rather than a string literal: ISO C caps literals at 4095 characters. */
    fprintf(out, "/* generated from %s by db/embed.c */\nconst char %s[] = {", argv[2], argv[1]);
    int c;
    unsigned long n = 0;
    while ((c = fgetc(in)) != EOF)
        fprintf(out, "%s%d,", n++ % 16 ? "" : "\n    ", c);
    fputs("\n    0\n};\n", out);
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
