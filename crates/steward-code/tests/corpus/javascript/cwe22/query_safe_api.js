// expect: safe CWE-22
const express = require("express");
const app = express();
const fs = require("fs");
const path = require("path");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  res.sendFile(v, { root: "/srv/files" });
});
