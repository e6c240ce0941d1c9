// expect: CWE-327
#include <openssl/des.h>
void encrypt_block(DES_cblock *in, DES_cblock *out, DES_key_schedule *ks) {
    DES_ecb_encrypt(in, out, ks, DES_ENCRYPT);
}
