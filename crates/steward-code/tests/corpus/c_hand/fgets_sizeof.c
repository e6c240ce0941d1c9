// expect: safe CWE-120
#include <stdio.h>
int main(void) {
    char line[512];
    if (fgets(line, sizeof line, stdin)) puts(line);
    return 0;
}
