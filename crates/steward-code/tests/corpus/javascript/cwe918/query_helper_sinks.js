// expect: CWE-918
const express = require("express");
const app = express();
const axios = require("axios");
function run(q, res) {
  axios.get(q).then((r) => res.json(r.data));
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = v;
  run(q, res);
});
