// expect: CWE-120
#include <stdlib.h>
#include <string.h>
char *dup_name(const char *s) {
    char *p = malloc(32);
    if (p == NULL) return NULL;
    strcpy(p, s);
    return p;
}
