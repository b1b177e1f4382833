// The layout worker is ELK's own: loaded in a worker (no `document`), elk-worker sets
// `self.onmessage` to its dispatcher, and elk-api (elkLayout.ts) talks to it. No code of ours
// posts messages here, and nothing is fetched: the algorithm is in the bundle.
import 'elkjs/lib/elk-worker.min.js';
