// expect: CWE-89
package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

var db *sql.DB

type filter struct {
	Status string `json:"status"`
}

func List(w http.ResponseWriter, r *http.Request) {
	var f filter
	if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
		return
	}
	db.Exec("UPDATE jobs SET seen = 1 WHERE status = '" + f.Status + "'")
}
