// expect: CWE-89
const express = require("express");
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
function run(q, res) {
  db.query(q, (err, rows) => res.json(rows));
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = "SELECT * FROM users WHERE name = '" + v + "'";
  run(q, res);
});
