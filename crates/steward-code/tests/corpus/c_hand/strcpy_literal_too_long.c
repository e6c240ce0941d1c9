// expect: CWE-120
#include <string.h>
int main(void) {
    char name[8];
    strcpy(name, "administrator");
    return name[0];
}
