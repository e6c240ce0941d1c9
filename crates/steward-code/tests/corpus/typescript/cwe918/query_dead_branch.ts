// expect: safe CWE-918
import express, { Request, Response } from "express";
const app = express();
const axios = require("axios");
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  let item: string = "admin";
  if (false) {
    item = v!;
  }
  const q = item;
  axios.get(q).then((r) => res.json(r.data));
});
