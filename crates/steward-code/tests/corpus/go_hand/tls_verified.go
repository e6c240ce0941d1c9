// expect: safe CWE-295
package client

import (
	"crypto/tls"
	"net/http"
)

func New() *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	return &http.Client{Transport: tr}
}
