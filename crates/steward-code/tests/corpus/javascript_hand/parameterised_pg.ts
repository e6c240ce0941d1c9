// expect: safe CWE-89
import { Pool } from "pg";
const pool = new Pool();

export async function byName(req: any, res: any) {
  const { rows } = await pool.query("SELECT * FROM users WHERE name = $1", [req.query.name]);
  res.json(rows);
}
