// The header every state-changing dashboard request carries (server/auth/csrf.ts says why). It is
// here, not in server/, because the browser's code sets it and must not import the server's.
export const CSRF_HEADER = 'x-patchbay-csrf';
