// expect: CWE-89
package api

import (
	"database/sql"

	"github.com/gin-gonic/gin"
)

type API struct{ db *sql.DB }

func (a *API) Search(c *gin.Context) {
	term := c.Query("term")
	rows, err := a.db.Query("SELECT id FROM products WHERE title LIKE '%" + term + "%'")
	if err != nil {
		c.AbortWithStatus(500)
		return
	}
	defer rows.Close()
}
