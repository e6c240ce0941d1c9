// expect: safe CWE-78
#include <stdio.h>
#include <stdlib.h>
int main(void) {
    int pid;
    char cmd[64];
    if (scanf("%d", &pid) != 1) return 1;
    snprintf(cmd, sizeof cmd, "kill -TERM %d", pid);
    return system(cmd);
}
