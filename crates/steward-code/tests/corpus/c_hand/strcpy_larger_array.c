// expect: CWE-120
#include <stdio.h>
#include <string.h>
int main(void) {
    char line[256];
    char user[32];
    if (fgets(line, sizeof line, stdin) == NULL) return 1;
    strcpy(user, line);
    return user[0];
}
