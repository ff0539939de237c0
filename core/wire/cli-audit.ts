import { z } from 'zod';
import type { AuditChange } from '../audit/diff';
import type { ExposedPort } from '../audit/exposed';
import type { Explanation } from '../audit/report';
import { CLI_JSON_VERSION } from './cli';

// What `patchbay audit … --json` (or --format json) prints: one document, either the audit of a design
// (the matrix as named cells, the intents, the Exposed view, the notes, and with --against the pairs
// that changed) or, with --from/--to, one pair explained hop by hop. The shapes mirror core's
// AuditReport and Explanation; the type checks at the end keep them from drifting apart.

export const VerdictWordSchema = z.enum(['reachable', 'partial', 'one-way', 'blocked', 'no-route']);
/** An IPv6 cell may also be "no IPv6 here": one side has no IPv6 address, which is not a no-route. */
export const FamilyVerdictWordSchema = z.enum(['reachable', 'partial', 'one-way', 'blocked', 'no-route', 'no-ipv6']);

const RuleRefSchema = z.strictObject({ anchor: z.string(), line: z.number().int(), text: z.string() });

export const AuditCellSchema = z.strictObject({
  /** The jail's name (the row). */
  jail: z.string(),
  /** "LAN", "Internet", "Host", or another jail's name. */
  column: z.string(),
  ipv4: VerdictWordSchema,
  /** Only when the design has IPv6. */
  ipv6: FamilyVerdictWordSchema.optional(),
});

export const IntentResultSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  holds: z.boolean(),
  violations: z.array(z.strictObject({ pair: z.string(), found: VerdictWordSchema, reason: z.string() })),
});

export const ExposedEntrySchema = z.strictObject({
  jail: z.string(),
  name: z.string(),
  origin: z.enum(['lan', 'internet']),
  lan: z.string().optional(),
  family: z.union([z.literal(4), z.literal(6)]),
  protocol: z.enum(['tcp', 'udp']),
  port: z.number().int(),
  other: z.literal(true).optional(),
  address: z.string(),
  /** The address is the jail's parent's, which it may use (`ip4 = inherit`). */
  inherited: z.literal(true).optional(),
  askedPort: z.number().int(),
  verdict: z.enum(['reachable', 'one-way']),
  rdr: RuleRefSchema.extend({ stack: z.string() }).optional(),
  filter: z.strictObject({ rule: RuleRefSchema.optional(), text: z.string() }),
  uncertain: z.string().optional(),
  /** core's exposedText: "web — tcp/22 from the LAN via 192.168.1.50:2001". */
  text: z.string(),
});

export const AuditChangeSchema = z.strictObject({
  source: z.string(),
  destination: z.string(),
  /** 'no-ipv6' (family 6): the pair exists but one end has no IPv6; 'absent': no such pair on that side. */
  before: z.union([FamilyVerdictWordSchema, z.literal('absent')]),
  after: z.union([FamilyVerdictWordSchema, z.literal('absent')]),
  /** gained: now reaches (opened); lost: no longer reaches (closed); changed: reaches differently. */
  kind: z.enum(['gained', 'lost', 'changed']),
  /** The family whose verdict changed: a pair changed in IPv4 and IPv6 is two changes. */
  family: z.union([z.literal(4), z.literal(6)]),
  /** The verdict's reason on the side the pair is now (the old side when the pair is gone). */
  reason: z.string().optional(),
  /** The pf rule that decides it: "patchbay/intents:1 pass quick proto tcp …". */
  rule: z.string().optional(),
});

export const AuditChangesSchema = z.strictObject({
  /** The older design's file, as given to --against. */
  against: z.string(),
  count: z.number().int().min(0),
  pairs: z.array(AuditChangeSchema),
  /** Ids of intents broken now that held in the older design (or were not in it). */
  newlyBroken: z.array(z.string()),
  /** Exposed entries the older design did not have. */
  newlyExposed: z.array(ExposedEntrySchema),
});

const StepSchema = z.strictObject({
  text: z.string(),
  rule: z.string().optional(),
  blocked: z.literal(true).optional(),
});

const FamilyExplanationSchema = z.strictObject({
  verdict: VerdictWordSchema,
  summary: z.string(),
  family: z.union([z.literal(4), z.literal(6)]).optional(),
  noIpv6: z.literal(true).optional(),
  address: z.string().optional(),
  probe: z.string().optional(),
  forward: z.array(StepSchema),
  reply: z.array(StepSchema),
  interfaces: z.array(z.string()),
  segments: z.array(z.string()),
  natFix: z.strictObject({ egress: z.string(), nic: z.string() }).optional(),
  uncertain: z.strictObject({ rule: z.string(), reason: z.string() }).optional(),
});

export const ExplanationSchema = FamilyExplanationSchema.extend({ ipv6: FamilyExplanationSchema.optional() });

export const AuditReportOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('audit'),
  mode: z.literal('report'),
  file: z.string(),
  /** False when an intent is broken, or (--fail-on-new-lan) a pair newly reaches the LAN: the exit is 1. */
  ok: z.boolean(),
  jails: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  columns: z.array(z.strictObject({ label: z.string(), kind: z.enum(['lan', 'internet', 'host', 'jail']) })),
  ipv6: z.boolean(),
  /**
   * Every jail × column but a jail and itself, row by row. A document with more than 10,000 cells is
   * printed on one line rather than indented (cli/audit/json.ts); its value is the same.
   */
  matrix: z.array(AuditCellSchema),
  intents: z.array(IntentResultSchema),
  exposed: z.array(ExposedEntrySchema),
  notes: z.array(z.string()),
  probes: z.array(z.string()),
  changes: AuditChangesSchema.optional(),
});

export const AuditExplainOutputSchema = z.strictObject({
  version: z.literal(CLI_JSON_VERSION),
  command: z.literal('audit'),
  mode: z.literal('explain'),
  file: z.string(),
  /** --from and --to as given. */
  from: z.string(),
  to: z.string(),
  explanation: ExplanationSchema,
});

export const AuditOutputSchema = z.discriminatedUnion('mode', [AuditReportOutputSchema, AuditExplainOutputSchema]);
export type AuditOutput = z.infer<typeof AuditOutputSchema>;

// Compile-time: core's values fit the wire shapes, so the CLI copies them without converting.
type Fits<Value, Wire> = Value extends Wire ? true : never;
export const CORE_FITS_WIRE: [
  Fits<Explanation, z.input<typeof ExplanationSchema>>,
  Fits<ExposedPort, Omit<z.input<typeof ExposedEntrySchema>, 'text'>>,
  Fits<AuditChange, z.input<typeof AuditChangeSchema>>,
] = [true, true, true];
