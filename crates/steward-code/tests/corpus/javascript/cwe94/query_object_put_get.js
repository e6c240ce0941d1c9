// expect: CWE-94
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const o = {};
  o["k"] = v;
  const item = o["k"];
  const q = "total(" + item + ")";
  res.json({ result: eval(q) });
});
