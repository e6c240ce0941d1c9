// expect: CWE-94
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const q = ["total(", (v as string), ")"].join("");
  res.json({ result: eval(q) });
});
