/* The migrations, in order: shared by migrate.c, which applies them, and by the build tool
 * fingerprint_gen.c, which works out the structure each schema version must have. */
#include "store_internal.h"

/* Generated at build time from db/schema.sql, db/schema-extra.sql and db/migrate-N.sql
 * (db/embed.c). */
extern const char dt_schema_sql[];
extern const char dt_schema_extra_sql[];
extern const char dt_migrate_2_sql[];
extern const char dt_migrate_3_sql[];
extern const char dt_migrate_4_sql[];
extern const char dt_migrate_5_sql[];
extern const char dt_migrate_6_sql[];
extern const char dt_migrate_7_sql[];
extern const char dt_migrate_8_sql[];
extern const char dt_migrate_9_sql[];

static const char *const migration_1[] = {dt_schema_sql, dt_schema_extra_sql, NULL};
static const char *const migration_2[] = {dt_migrate_2_sql, NULL};
static const char *const migration_3[] = {dt_migrate_3_sql, NULL};
static const char *const migration_4[] = {dt_migrate_4_sql, NULL};
static const char *const migration_5[] = {dt_migrate_5_sql, NULL};
static const char *const migration_6[] = {dt_migrate_6_sql, NULL};
static const char *const migration_7[] = {dt_migrate_7_sql, NULL};
static const char *const migration_8[] = {dt_migrate_8_sql, NULL};
static const char *const migration_9[] = {dt_migrate_9_sql, NULL};

/* In order; never edit one that has shipped: add the next (and count it in store_internal.h's
 * STORE_MIGRATION_COUNT: the array is sized by this list, so a count that disagrees does not
 * compile). */
const char *const *const store_migrations[] = {
    migration_1, migration_2, migration_3, migration_4, migration_5,
    migration_6, migration_7, migration_8, migration_9,
};
