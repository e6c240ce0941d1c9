// expect: CWE-89
const express = require("express");
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let item = "";
  for (const part of [v, "x"]) {
    item = part;
  }
  const q = "SELECT * FROM users WHERE name = '" + item + "'";
  db.query(q, (err, rows) => res.json(rows));
});
