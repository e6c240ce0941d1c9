// expect: CWE-327
package server

import "crypto/tls"

var Config = &tls.Config{MinVersion: tls.VersionTLS10}
