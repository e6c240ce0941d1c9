// expect: CWE-601
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const o = { k: v, other: "x" };
  const item = o.k;
  const q = item;
  res.redirect(q);
});
