// expect: CWE-89
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

static void build(char *out, size_t n, const char *item) {
    snprintf(out, n, "SELECT * FROM users WHERE name = '%s'", item);
}

int main(int argc, char **argv) {
    const char *v = argv[1];
    char e[512];
    build(e, sizeof e, v);
    return sqlite3_exec(db, e, 0, 0, 0);
}
