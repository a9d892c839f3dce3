import * as nodeModule from 'node:module';

// Imported first by main.ts, before anything else loads: most of a start is loading and
// compiling some 1,500 modules. Node 22.1 and newer keep the compiled code on disk (in the
// temp folder, or NODE_COMPILE_CACHE) and reuse it while a file is unchanged; Node 20 has no
// such cache, and this does nothing there.

const enable = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
if (typeof enable === 'function' && process.env.NODE_DISABLE_COMPILE_CACHE === undefined) enable();
