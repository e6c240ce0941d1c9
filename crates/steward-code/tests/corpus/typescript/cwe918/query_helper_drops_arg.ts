// expect: safe CWE-918
import express, { Request, Response } from "express";
const app = express();
const axios = require("axios");
function label(x: string): string {
  return "user";
}

app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const item = label(v as string);
  const q = item;
  axios.get(q).then((r) => res.json(r.data));
});
