// expect: CWE-601
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let item = "";
  for (const part of [v, "x"]) {
    item = part;
  }
  const q = item;
  res.redirect(q);
});
