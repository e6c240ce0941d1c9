// expect: safe CWE-377
#include <stdlib.h>
#include <stdio.h>
FILE *scratch(void) {
    char name[] = "/tmp/reportXXXXXX";
    int fd = mkstemp(name);
    return fd < 0 ? NULL : fdopen(fd, "w");
}
