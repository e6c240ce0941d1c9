// expect: CWE-120
#include <stdio.h>
int main(void) {
    char line[512];
    gets(line);
    puts(line);
    return 0;
}
