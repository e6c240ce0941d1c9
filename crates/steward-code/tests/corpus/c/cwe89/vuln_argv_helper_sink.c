// expect: CWE-89
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

static int run(const char *cmd) {
    return sqlite3_exec(db, cmd, 0, 0, 0);
}

int main(int argc, char **argv) {
    const char *v = argv[1];
    char e[512];
    snprintf(e, sizeof e, "SELECT * FROM users WHERE name = '%s'", v);
    return run(e);
}
