// expect: safe CWE-79
const express = require("express");
const app = express();
const DEBUG = false;

function label(x) {
  return "user";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const o = { k: v };
  o.k = "admin";
  const item = o.k;
  const q = "<p>Hello " + item + "</p>";
  res.send(q);
});
