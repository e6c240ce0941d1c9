// expect: CWE-22
const express = require("express");
const app = express();
const fs = require("fs");
const path = require("path");
function run(q, res) {
  fs.readFile(q, "utf8", (err, data) => res.json({ data }));
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = "/srv/files/" + v;
  run(q, res);
});
