// expect: safe CWE-328
package auth

import (
	"crypto/sha256"
	"encoding/hex"
)

func Fingerprint(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
