// expect: safe CWE-330
package retry

import (
	"math/rand"
	"time"
)

func Backoff(attempt int) time.Duration {
	jitter := time.Duration(rand.Intn(250)) * time.Millisecond
	return time.Duration(attempt)*time.Second + jitter
}
