// expect: safe CWE-120
#include <string.h>
int set_name(char *out, const char *input) {
    char name[32];
    if (strlen(input) >= sizeof name) {
        return -1;
    }
    strcpy(name, input);
    return out[0] = name[0];
}
