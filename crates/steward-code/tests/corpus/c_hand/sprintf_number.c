// expect: safe CWE-120
#include <stdio.h>
void label(int id) {
    char msg[32];
    sprintf(msg, "order-%d", id);
    puts(msg);
}
