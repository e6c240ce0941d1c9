// expect: safe CWE-89
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

#define ITEM "localhost"

int main(int argc, char **argv) {
    const char *v = ITEM;
    (void)argv;
    char e[512];
    snprintf(e, sizeof e, "SELECT * FROM users WHERE name = '%s'", v);
    return sqlite3_exec(db, e, 0, 0, 0);
}
