// expect: safe CWE-120
#include <string.h>
int main(void) {
    char name[16];
    strcpy(name, "guest");
    return name[0];
}
