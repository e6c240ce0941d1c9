// expect: safe CWE-94
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  let item: string = "admin";
  if (false) {
    item = v!;
  }
  const q = "total(" + item + ")";
  res.json({ result: eval(q) });
});
