// What goes wrong when the dashboard calls an agent, in words a person can act on. These messages
// reach the browser (as BAD_GATEWAY, see server/trpc.ts), so nothing in them may come verbatim from
// whatever answered: an agent URL can point anywhere, and the answer could be another server's page.

/** The agent could not be reached at all, or answered with a refusal; the message says which. */
export class AgentCallFailed extends Error {
  constructor(
    message: string,
    readonly reachable: boolean,
  ) {
    super(message);
    this.name = 'AgentCallFailed';
  }
}

// C0 and C1 controls, DEL, and the Unicode bidi overrides (which can make text read backwards).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text fit to show: no control characters, at most `max` characters. */
export function safeText(text: string, max = 300): string {
  const clean = text.replace(CONTROL, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Something answered at the agent's URL, and it is not a Patchbay agent (or not one we can use). */
export class NotAPatchbayAgent extends AgentCallFailed {
  constructor(url: string, reason: string) {
    super(
      `The server at ${safeText(url, 200)} answered something that is not a Patchbay agent (${safeText(reason, 200)}).`,
      true,
    );
    this.name = 'NotAPatchbayAgent';
  }
}

/** A message the agent itself sent in a tRPC error: its words, made safe to show. */
export function agentRefusal(message: string): AgentCallFailed {
  return new AgentCallFailed(safeText(message, 2_000), true);
}
