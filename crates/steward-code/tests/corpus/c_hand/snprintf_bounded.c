// expect: safe CWE-120
#include <stdio.h>
void greet(const char *user) {
    char msg[32];
    snprintf(msg, sizeof msg, "Welcome back, %s!", user);
    puts(msg);
}
