// expect: safe CWE-79
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  res.render("hello", { name: v });
});
