// expect: safe CWE-120
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
    char buf[64];
    int n = atoi(argv[2]);
    if (n < (int)sizeof buf) {
        memcpy(buf, argv[1], n);
    }
    return buf[0];
}
