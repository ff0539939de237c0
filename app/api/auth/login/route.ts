import { z } from 'zod';
import { adminAuth } from '../../../../server/auth/admin';
import { authResponse, readJsonBody } from '../../../../server/auth/http';

const LoginBody = z.strictObject({ password: z.string().max(4096) });

export async function POST(request: Request) {
  const read = await readJsonBody(request, LoginBody, '{ "password": "…" }');
  if (!read.ok) return read.response;
  return authResponse(await adminAuth().login(read.body.password), request);
}
