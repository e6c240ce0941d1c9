// expect: CWE-120
#include <unistd.h>
int header(int fd) {
    char hdr[64];
    return (int)read(fd, hdr, 128);
}
