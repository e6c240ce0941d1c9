// expect: CWE-120
#include <stdio.h>
#define MAXLINE 1024
int main(void) {
    char line[512];
    if (fgets(line, MAXLINE, stdin)) puts(line);
    return 0;
}
