// expect: safe CWE-120
#include <string.h>
#include <unistd.h>
int load(int fd, char *out) {
    char pair[64];
    size_t filled = 0;
    while (filled < sizeof(pair)) {
        ssize_t n = read(fd, pair + filled, sizeof(pair) - filled);
        if (n <= 0) break;
        filled += (size_t)n;
    }
    memcpy(out, pair, filled);
    return (int)filled;
}
