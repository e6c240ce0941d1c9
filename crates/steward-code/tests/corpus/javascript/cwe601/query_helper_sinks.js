// expect: CWE-601
const express = require("express");
const app = express();
function run(q, res) {
  res.redirect(q);
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = v;
  run(q, res);
});
