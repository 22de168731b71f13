/* The personality type an exercise's answers work out (exercise 1.1.6 of the workbook): four
 * sliders keyed "ei", "sn", "tf" and "jp", below zero for the first letter of their pair
 * (E, S, T, J) and above it for the second (I, N, F, P), and a line keyed "type_code" where the
 * person may write the four letters. */
#ifndef DT_PERSONALITY_ANSWERS_H
#define DT_PERSONALITY_ANSWERS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* True when key is one of the prompts the type is worked out from. */
bool personality_answers_key(const char *key);
/* The type the answers give, into code (four capitals and a NUL): the four letters written,
 * when they are a type's (case and spaces aside); else the sliders, when all four lean one way.
 * False, with code "", when the answers give none. */
bool personality_answers_type(const cJSON *answers, char code[5]);

#endif
