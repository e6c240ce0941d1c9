// expect: CWE-120
#include <string.h>
int main(int argc, char **argv) {
    char name[16];
    strcpy(name, argv[1]);
    return name[0];
}
