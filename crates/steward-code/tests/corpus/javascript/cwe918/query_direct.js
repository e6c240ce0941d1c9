// expect: CWE-918
const express = require("express");
const app = express();
const axios = require("axios");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const q = v;
  axios.get(q).then((r) => res.json(r.data));
});
