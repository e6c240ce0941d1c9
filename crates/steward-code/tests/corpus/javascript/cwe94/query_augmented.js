// expect: CWE-94
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let q = "total(" + v + ")";
  q += "";
  res.json({ result: eval(q) });
});
