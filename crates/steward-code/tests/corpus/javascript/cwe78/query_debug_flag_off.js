// expect: safe CWE-78
const express = require("express");
const app = express();
const { exec, execFile } = require("child_process");
const DEBUG = false;

function label(x) {
  return "user";
}

app.get("/a/:q", (req, res) => {
  const v = req.query.q;
  let item = "admin";
  if (DEBUG) {
    item = v;
  }
  const q = "ping -c 1 " + item;
  exec(q, (err, out) => res.json({ ok: !err }));
});
