// expect: CWE-94
const express = require("express");
const app = express();
function build(x) {
  return "total(" + x + ")";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = build(v);
  res.json({ result: eval(q) });
});
