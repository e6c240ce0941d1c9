// expect: safe CWE-78
import { Request, Response } from "express";
import { exec } from "child_process";

const TOOLS = ["uptime", "df", "free"];

export function run(req: Request, res: Response) {
  const tool = String(req.query.tool);
  if (!TOOLS.includes(tool)) {
    res.status(400).end();
    return;
  }
  exec(tool, (err, out) => res.json({ out }));
}
