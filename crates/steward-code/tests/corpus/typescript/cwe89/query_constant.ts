// expect: safe CWE-89
import express, { Request, Response } from "express";
const app = express();
const mysql = require("mysql");
const db = mysql.createConnection({ host: "db" });
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const item: string = "admin";
  const q = "SELECT * FROM users WHERE name = '" + item + "'";
  db.query(q, (err, rows) => res.json(rows));
});
