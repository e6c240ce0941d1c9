// expect: CWE-78
#include <stdio.h>
#include <string.h>
int main(void) {
    char host[128], cmd[256];
    if (!fgets(host, sizeof host, stdin)) return 1;
    host[strcspn(host, "\n")] = 0;
    snprintf(cmd, sizeof cmd, "nslookup %s", host);
    FILE *p = popen(cmd, "r");
    return p == NULL;
}
