// expect: safe CWE-79
const express = require("express");
const app = express();
const escapeHtml = require("escape-html");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const item = escapeHtml(v);
  const q = "<p>Hello " + item + "</p>";
  res.send(q);
});
