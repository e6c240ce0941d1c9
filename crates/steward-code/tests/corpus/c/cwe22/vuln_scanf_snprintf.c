// expect: CWE-22
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

int main(int argc, char **argv) {
    char v[128];
    if (scanf("%127s", v) != 1) return 1;
    char e[512];
    snprintf(e, sizeof e, "/var/data/%s", v);
    FILE *f = fopen(e, "r");
    return f == NULL;
}
