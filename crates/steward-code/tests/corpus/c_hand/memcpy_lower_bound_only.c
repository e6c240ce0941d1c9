// expect: CWE-120
#include <string.h>
#include <sys/socket.h>
int handle(int sock) {
    unsigned char pkt[2048];
    char body[256];
    ssize_t got = recv(sock, pkt, sizeof pkt, 0);
    if (got < 3) return -1;
    size_t len = pkt[0] | (pkt[1] << 8);
    if (len > 0) {
        memcpy(body, pkt + 2, len);
    }
    return body[0];
}
