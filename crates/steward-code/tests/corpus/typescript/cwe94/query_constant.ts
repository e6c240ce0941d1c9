// expect: safe CWE-94
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const item: string = "admin";
  const q = "total(" + item + ")";
  res.json({ result: eval(q) });
});
