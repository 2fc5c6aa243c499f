#ifndef HALLBAR_CSQLITE_SHIM_H
#define HALLBAR_CSQLITE_SHIM_H
#include <sqlite3.h>

/// sqlite3_db_config is variadic, which Swift cannot call: one wrapper per shape used.
static inline int hallbar_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type hallbar_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
