// expect: safe CWE-918
const express = require("express");
const app = express();
const axios = require("axios");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  axios.get("https://api.example.com/items", { params: { id: v } }).then((r) => res.json(r.data));
});
