// expect: CWE-330
#include <stdlib.h>
#include <time.h>
void make_reset_token(char *token, int len) {
    srand((unsigned)time(NULL));
    for (int i = 0; i < len; i++) token[i] = "abcdef0123456789"[rand() % 16];
}
