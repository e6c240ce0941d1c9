// expect: CWE-89
const express = require("express");
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
app.get("/a/:q", (req, res) => {
  const v = req.get("X-Item");
  const q = "SELECT * FROM users WHERE name = '" + v + "'";
  db.query(q, (err, rows) => res.json(rows));
});
