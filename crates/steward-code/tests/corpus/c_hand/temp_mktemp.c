// expect: CWE-377
#include <stdlib.h>
#include <stdio.h>
FILE *scratch(void) {
    char name[] = "/tmp/reportXXXXXX";
    mktemp(name);
    return fopen(name, "w");
}
