import { persistRule } from '../../core/render/persist-rules';
import { RenderError } from '../../core/text/quote';
import { renderConfig, type RenderedFile } from '../../core/render/render-all';
import type { Topology } from '../../core/topology/schema';
import { PersistRefused, type ManualFile } from './persist-types';

// The files a design becomes, rendered here on the agent: what the agent writes is what Patchbay's
// renderers made (every value through core/text/quote.ts), never text a caller composed. An
// rc.conf line is sh that rc(8) runs as root at boot (rc.conf(5): the file "is included by the
// various generic startup scripts in /etc"), and a jail's exec.prestart runs "in the system
// environment" (jail(8)), so text from the request would be root code at the next boot.

export interface DesignFiles {
  /** Files the agent may write (the allow-list still decides each path). */
  toWrite: RenderedFile[];
  /** Files Patchbay only shows (pf.conf), as the dashboard showed them before the agent rendered. */
  manual: ManualFile[];
}

/** renderConfig, split as the dashboard did: a path whose persist rule is `shownOnly` is manual. */
export function designFiles(topology: Topology): DesignFiles {
  let files: RenderedFile[];
  try {
    files = renderConfig(topology);
  } catch (error) {
    if (error instanceof RenderError)
      throw new PersistRefused('BAD_REQUEST', `The design cannot be written as FreeBSD files: ${error.message}`);
    throw error;
  }
  const shownOnly = (file: RenderedFile) => {
    const rule = persistRule(file.path);
    return !rule.ok && rule.shownOnly;
  };
  return {
    toWrite: files.filter((file) => !shownOnly(file)),
    manual: files.filter(shownOnly).map(({ path, content, purpose }) => ({ path, content, purpose })),
  };
}
