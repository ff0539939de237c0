import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanStep } from '../../core/plan/types';

// Jails carry no mark of their own (interfaces carry one in their description), so the agent
// remembers the ones it made in `owned-jails.json`; the planner may only change or remove those.

export class OwnedJails {
  private readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, 'owned-jails.json');
  }

  read(): Set<string> {
    return new Set(existsSync(this.path) ? (JSON.parse(readFileSync(this.path, 'utf8')) as string[]) : []);
  }

  /**
   * After `steps` ran (or, `undone`, after their inverses ran): jails they made are ours, jails they removed are gone.
   */
  remember(steps: readonly PlanStep[], undone: boolean) {
    const jails = this.read();
    let changed = false;
    for (const step of steps) {
      const [command, flag, name] = step.command.argv;
      if (command !== 'jail') continue;
      const path = flag === '-c' ? name?.replace(/^name=/, '') : flag === '-r' || flag === '-R' ? name : undefined;
      if (path === undefined) continue;
      if ((flag === '-c') !== undone) jails.add(path);
      else jails.delete(path);
      changed = true;
    }
    if (changed || !existsSync(this.path)) writeFileSync(this.path, JSON.stringify([...jails].sort()), { mode: 0o600 });
  }
}
