// expect: safe CWE-94
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const item = Number(v);
  const q = "total(" + item + ")";
  res.json({ result: eval(q) });
});
