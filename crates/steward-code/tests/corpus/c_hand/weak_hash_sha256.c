// expect: safe CWE-328
#include <openssl/sha.h>
#include <string.h>
void digest(const char *data, unsigned char out[32]) {
    SHA256((const unsigned char *)data, strlen(data), out);
}
