// expect: safe CWE-120
#include <stdio.h>
void greet(const char *user) {
    char msg[64];
    sprintf(msg, "Welcome back, %.40s!", user);
    puts(msg);
}
