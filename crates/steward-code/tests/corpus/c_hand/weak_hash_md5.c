// expect: CWE-328
#include <openssl/md5.h>
#include <string.h>
void hash_password(const char *pw, unsigned char out[16]) {
    MD5((const unsigned char *)pw, strlen(pw), out);
}
