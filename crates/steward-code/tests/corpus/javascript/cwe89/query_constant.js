// expect: safe CWE-89
const express = require("express");
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
const DEBUG = false;

function label(x) {
  return "user";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const item = "admin";
  const q = "SELECT * FROM users WHERE name = '" + item + "'";
  db.query(q, (err, rows) => res.json(rows));
});
