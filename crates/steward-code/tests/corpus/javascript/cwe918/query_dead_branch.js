// expect: safe CWE-918
const express = require("express");
const app = express();
const axios = require("axios");
const DEBUG = false;

function label(x) {
  return "user";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let item = "admin";
  if (false) {
    item = v;
  }
  const q = item;
  axios.get(q).then((r) => res.json(r.data));
});
