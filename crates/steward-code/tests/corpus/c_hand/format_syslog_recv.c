// expect: CWE-134
#include <syslog.h>
#include <sys/socket.h>
void log_peer(int sock) {
    char msg[256];
    ssize_t n = recv(sock, msg, sizeof msg - 1, 0);
    if (n <= 0) return;
    msg[n] = 0;
    syslog(LOG_WARNING, msg);
}
