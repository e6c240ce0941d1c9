// expect: CWE-89
const express = require("express");
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
function build(x) {
  return "SELECT * FROM users WHERE name = '" + x + "'";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = build(v);
  db.query(q, (err, rows) => res.json(rows));
});
