// expect: safe CWE-94
import express, { Request, Response } from "express";
const app = express();
function label(x: string): string {
  return "user";
}

app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const item = label(v as string);
  const q = "total(" + item + ")";
  res.json({ result: eval(q) });
});
