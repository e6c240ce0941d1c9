// expect: CWE-89
const express = require("express");
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const o = {};
  o["k"] = v;
  const item = o["k"];
  const q = "SELECT * FROM users WHERE name = '" + item + "'";
  db.query(q, (err, rows) => res.json(rows));
});
