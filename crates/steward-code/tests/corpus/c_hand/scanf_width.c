// expect: safe CWE-120
#include <stdio.h>
int main(void) {
    char user[32];
    scanf("%31s", user);
    printf("%s\n", user);
    return 0;
}
