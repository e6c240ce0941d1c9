// expect: safe CWE-78
#include <stdlib.h>
#define ALLOW_CUSTOM 0
int main(int argc, char **argv) {
    const char *cmd = "uptime";
    if (ALLOW_CUSTOM) {
        cmd = argv[1];
    }
    return system(cmd);
}
