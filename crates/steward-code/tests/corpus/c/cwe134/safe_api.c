// expect: safe CWE-134
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
    printf("user: %s\n", v);
    return 0;
}
