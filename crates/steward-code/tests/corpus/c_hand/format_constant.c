// expect: safe CWE-134
#include <stdio.h>
#define BANNER "service ready\n"
int main(int argc, char **argv) {
    const char *fmt = BANNER;
    printf(fmt);
    fprintf(stderr, "%s\n", argv[1]);
    return 0;
}
