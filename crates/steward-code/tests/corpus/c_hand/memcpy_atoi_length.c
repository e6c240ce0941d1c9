// expect: CWE-120
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
    char buf[64];
    size_t n = (size_t)atoi(argv[2]);
    memcpy(buf, argv[1], n);
    return buf[0];
}
