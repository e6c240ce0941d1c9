// expect: CWE-78
import express, { Request, Response } from "express";
const app = express();
const { exec, execFile } = require("child_process");
app.post("/a/:q", async (req: Request, res: Response) => {
  const v: string = req.params.q;
  const q: string = "ping -c 1 " + v;
  exec(q, (err, out) => res.json({ ok: !err }));
});
