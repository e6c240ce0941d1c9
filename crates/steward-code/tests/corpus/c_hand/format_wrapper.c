// expect: CWE-134
#include <stdio.h>
#include <stdlib.h>
static void log_msg(const char *m) {
    fprintf(stderr, m);
}
int main(void) {
    log_msg(getenv("GREETING"));
    return 0;
}
