// expect: safe CWE-78
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

int main(int argc, char **argv) {
    const char *v = "localhost";
#if 0
    v = getenv("ITEM");
#endif
    (void)argv;
    char e[512];
    snprintf(e, sizeof e, "ping -c 1 %s", v);
    return system(e);
}
