// expect: safe CWE-78
import express, { Request, Response } from "express";
const app = express();
const { exec, execFile } = require("child_process");
function label(x: string): string {
  return "user";
}

app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const item = label(v as string);
  const q = "ping -c 1 " + item;
  exec(q, (err, out) => res.json({ ok: !err }));
});
