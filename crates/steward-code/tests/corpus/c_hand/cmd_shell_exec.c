// expect: CWE-78
#include <unistd.h>
#include <stdlib.h>
int main(void) {
    char *hook = getenv("POST_HOOK");
    execl("/bin/sh", "sh", "-c", hook, (char *)0);
    return 1;
}
