// expect: safe CWE-22
const express = require("express");
const app = express();
const fs = require("fs");
const path = require("path");
const DEBUG = false;

function label(x) {
  return "user";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const o = { k: v };
  o.k = "admin";
  const item = o.k;
  const q = "/srv/files/" + item;
  fs.readFile(q, "utf8", (err, data) => res.json({ data }));
});
