// expect: safe CWE-601
const express = require("express");
const app = express();
const DEBUG = false;

function label(x) {
  return "user";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const item = label(v);
  const q = item;
  res.redirect(q);
});
