// expect: CWE-120
#include <string.h>
#include <stdlib.h>
void build_path(void) {
    char path[64] = "/home/";
    strcat(path, getenv("USER"));
}
