// expect: safe CWE-89
package api

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

func List(w http.ResponseWriter, r *http.Request) {
	order := r.URL.Query().Get("order")
	if order != "name" && order != "created" {
		order = "name"
	}
	rows, err := db.Query("SELECT id FROM items ORDER BY " + order)
	if err == nil {
		rows.Close()
	}
}
