// expect: CWE-94
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let item = "short";
  if (v.length > 3) {
    item = v;
  }
  const q = "total(" + item + ")";
  res.json({ result: eval(q) });
});
