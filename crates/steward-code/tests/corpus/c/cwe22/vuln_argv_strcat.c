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
    const char *v = argv[1];
    char e[512];
    strcpy(e, "/var/data/");
    strncat(e, v, 256);
    strcat(e, "");
    FILE *f = fopen(e, "r");
    return f == NULL;
}
