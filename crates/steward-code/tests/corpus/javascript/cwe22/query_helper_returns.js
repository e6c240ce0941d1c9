// expect: CWE-22
const express = require("express");
const app = express();
const fs = require("fs");
const path = require("path");
function build(x) {
  return "/srv/files/" + x;
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = build(v);
  fs.readFile(q, "utf8", (err, data) => res.json({ data }));
});
