// expect: safe CWE-327
package vault

import (
	"crypto/aes"
	"crypto/cipher"
)

func Seal(key, nonce, msg []byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil
	}
	return gcm.Seal(nil, nonce, msg, nil)
}
