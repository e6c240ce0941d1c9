// expect: CWE-78
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
    int s = connect_to_peer();
    ssize_t got = recv(s, v, sizeof v - 1, 0);
    if (got <= 0) return 1;
    v[got] = 0;
    char e[512];
    snprintf(e, sizeof e, "ping -c 1 %s", v);
    return system(e);
}
