import { z } from 'zod';
import { adminAuth } from '../../../../server/auth/admin';
import { authResponse, readJsonBody, requestClient } from '../../../../server/auth/http';

const SetupBody = z.strictObject({
  setupCode: z.string().max(200),
  password: z.string().max(4096),
  repeat: z.string().max(4096),
});

/** Sets the first admin password (with the setup code from the data directory) and logs in. */
export async function POST(request: Request) {
  const read = await readJsonBody(request, SetupBody, '{ "setupCode": "…", "password": "…", "repeat": "…" }');
  if (!read.ok) return read.response;
  const who = requestClient(request);
  if (!who.ok) return who.response;
  return authResponse(await adminAuth().setPassword(read.body, who.client), request);
}
