// expect: safe CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
const shellQuote = require("shell-quote");
app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  const item = shellQuote.quote([v]);
  const q = "ping -c 1 " + item;
  exec(q, (err, out) => res.json({ ok: !err }));
});
