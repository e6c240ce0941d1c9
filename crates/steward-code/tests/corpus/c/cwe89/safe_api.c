// expect: safe CWE-89
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

int main(int argc, char **argv) {
    const char *v = argv[1];
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT * FROM users WHERE name = ?", -1, &st, 0);
    sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
    return sqlite3_step(st);
}
