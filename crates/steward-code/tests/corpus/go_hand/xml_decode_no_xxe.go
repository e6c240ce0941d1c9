// expect: safe CWE-611
package api

import (
	"encoding/xml"
	"net/http"
)

type Order struct {
	ID string `xml:"id"`
}

func Import(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := xml.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad xml", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
