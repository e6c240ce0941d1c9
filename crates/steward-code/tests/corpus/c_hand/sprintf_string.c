// expect: CWE-120
#include <stdio.h>
void greet(const char *user) {
    char msg[32];
    sprintf(msg, "Welcome back, %s!", user);
    puts(msg);
}
