// expect: CWE-327
package vault

import "crypto/des"

func Seal(key, block []byte) []byte {
	c, err := des.NewTripleDESCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(block))
	c.Encrypt(out, block)
	return out
}
