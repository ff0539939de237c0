import { z } from 'zod';
import { adminAuth } from '../../../../server/auth/admin';
import { authResponse, readJsonBody, requestClient } from '../../../../server/auth/http';

const LoginBody = z.strictObject({ password: z.string().max(4096) });

/** Logs in; wrong passwords slow down their sender (server/auth/rate-limit.ts). */
export async function POST(request: Request) {
  const read = await readJsonBody(request, LoginBody, '{ "password": "…" }');
  if (!read.ok) return read.response;
  const who = requestClient(request);
  if (!who.ok) return who.response;
  return authResponse(await adminAuth().login(read.body.password, who.client), request);
}
