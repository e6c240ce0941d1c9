// expect: CWE-78
import express, { Request, Response } from "express";
const app = express();
const { exec, execFile } = require("child_process");
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const q = `ping -c 1 ${(v as string)}`;
  exec(q, (err, out) => res.json({ ok: !err }));
});
