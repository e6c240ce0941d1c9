// expect: CWE-89
package main

import (
	"net/http"
	"database/sql"
	"github.com/gorilla/mux"
)

var db *sql.DB

func handle(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)["id"]
	rows, _ := db.Query("SELECT * FROM items WHERE name = '" + v + "'")
	defer rows.Close()
}
