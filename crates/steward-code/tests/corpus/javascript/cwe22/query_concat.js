// expect: CWE-22
const express = require("express");
const app = express();
const fs = require("fs");
const path = require("path");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = "/srv/files/" + v;
  fs.readFile(q, "utf8", (err, data) => res.json({ data }));
});
