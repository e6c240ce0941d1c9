// expect: CWE-120
#include <string.h>
void copy_key(const unsigned char *key) {
    unsigned char k[16];
    memcpy(k, key, 32);
}
