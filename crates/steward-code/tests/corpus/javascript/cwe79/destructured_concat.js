// expect: CWE-79
const express = require("express");
const app = express();
app.get("/a/:q", (req, res) => {
  const { q: v } = req.query;
  const q = "<p>Hello " + v + "</p>";
  res.send(q);
});
