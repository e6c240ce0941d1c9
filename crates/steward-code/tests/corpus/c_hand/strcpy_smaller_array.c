// expect: safe CWE-120
#include <stdio.h>
#include <string.h>
int main(void) {
    char small[16];
    char big[64];
    if (fgets(small, sizeof small, stdin) == NULL) return 1;
    strcpy(big, small);
    return big[0];
}
