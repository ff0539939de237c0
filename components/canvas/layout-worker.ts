// The layout worker (ELK) takes seconds to start on a slow machine: loading, compiling and
// initialising 1.6 MB of script. Started by the page's own code it began only after hydration,
// alongside the request for the data to draw, and a host view waited on it for seconds after its
// state had come. So a script in the <head> of every page that draws starts it at once, and the
// layout takes that worker when it first needs one.

/** Copied from elkjs by scripts/build-worker.mjs (see there). */
export const LAYOUT_WORKER_URL = '/elk-worker.js';

const BOOTED = '__patchbayLayoutWorker';

/** The pages with a drawing: the demo, the designs list (its templates open the editor), an editor, a host. */
const DRAWING_PAGES = String.raw`^\/(?:$|designs(?:\/[^/]+)?\/?$|hosts\/[^/]+\/?$)`;

/** Inline in the root layout's <head>: starts the worker on pages that will draw. */
export const LAYOUT_WORKER_BOOT_SCRIPT = `try{if(window.Worker&&/${DRAWING_PAGES}/.test(location.pathname))window.${BOOTED}=new Worker('${LAYOUT_WORKER_URL}')}catch(e){}`;

/** The worker the <head> started, once; later engines start their own. */
export function takeBootedWorker(): Worker | undefined {
  const holder = window as unknown as Record<typeof BOOTED, Worker | undefined>;
  const worker = holder[BOOTED];
  holder[BOOTED] = undefined;
  return worker;
}
