// expect: safe CWE-601
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  res.redirect("/home");
});
