// expect: CWE-601
const express = require("express");
const app = express();
function build(x) {
  return x;
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = build(v);
  res.redirect(q);
});
