// expect: CWE-94
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v: string = req.params.q;
  const q: string = "total(" + v + ")";
  res.json({ result: eval(q) });
});
