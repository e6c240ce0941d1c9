// expect: CWE-22
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

static void build(char *out, size_t n, const char *item) {
    snprintf(out, n, "/var/data/%s", item);
}

int main(int argc, char **argv) {
    const char *v = argv[1];
    char e[512];
    build(e, sizeof e, v);
    FILE *f = fopen(e, "r");
    return f == NULL;
}
