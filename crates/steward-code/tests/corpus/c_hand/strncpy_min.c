// expect: safe CWE-120
#include <string.h>
#include <stdlib.h>
#define MIN(a, b) ((a) < (b) ? (a) : (b))
int main(int argc, char **argv) {
    char buf[64];
    size_t n = (size_t)atoi(argv[2]);
    strncpy(buf, argv[1], MIN(n, sizeof buf - 1));
    buf[sizeof buf - 1] = 0;
    return buf[0];
}
