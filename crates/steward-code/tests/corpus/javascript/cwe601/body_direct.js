// expect: CWE-601
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.body.q;
  const q = v;
  res.redirect(q);
});
