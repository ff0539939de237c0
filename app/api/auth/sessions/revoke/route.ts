import { z } from 'zod';
import { adminAuth } from '../../../../../server/auth/admin';
import { clearedCookie, noSessionResponse, readJsonBody, sessionToken } from '../../../../../server/auth/http';

const RevokeBody = z.union([
  z.strictObject({ id: z.string().min(1).max(64) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** Ends one session by id, or `{ all: true }` every session ("log out everywhere"). */
export async function POST(request: Request) {
  const auth = adminAuth();
  const current = auth.session(sessionToken(request));
  if (!current) return noSessionResponse('Revoking sessions');
  const read = await readJsonBody(request, RevokeBody, '{ "id": "<session id>" } or { "all": true }');
  if (!read.ok) return read.response;
  if ('all' in read.body)
    return Response.json(
      { revoked: auth.sessions.revokeAll(), endedThisSession: true },
      { headers: clearedCookie(request) },
    );
  if (!auth.sessions.revoke(read.body.id)) {
    return Response.json(
      {
        error: `No live session has the id "${read.body.id}" (it may have expired or been revoked already).`,
        field: 'id',
      },
      { status: 404 },
    );
  }
  const endedThisSession = read.body.id === current.id;
  return Response.json(
    { revoked: 1, endedThisSession },
    { headers: endedThisSession ? clearedCookie(request) : undefined },
  );
}
