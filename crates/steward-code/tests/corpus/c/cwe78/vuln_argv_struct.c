// expect: CWE-78
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libgen.h>
#include <sqlite3.h>

extern sqlite3 *db;
int connect_to_peer(void);

struct request {
    const char *item;
    int flags;
};

int main(int argc, char **argv) {
    const char *v = argv[1];
    struct request req = { .item = v, .flags = 0 };
    char e[512];
    snprintf(e, sizeof e, "ping -c 1 %s", req.item);
    return system(e);
}
