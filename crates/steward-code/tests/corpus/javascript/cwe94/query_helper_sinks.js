// expect: CWE-94
const express = require("express");
const app = express();
function run(q, res) {
  res.json({ result: eval(q) });
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = "total(" + v + ")";
  run(q, res);
});
