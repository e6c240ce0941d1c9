// expect: safe CWE-120
#include <string.h>
#include <sys/socket.h>
int handle(int sock) {
    unsigned char pkt[2048];
    char body[256];
    ssize_t got = recv(sock, pkt, sizeof pkt, 0);
    if (got < 3) return -1;
    size_t len = pkt[0];
    if (len > sizeof body) {
        return -1;
    }
    memcpy(body, pkt + 1, len);
    return body[0];
}
