// Lets a child `node` process run the TypeScript sources as they are (what Jest does in-process):
// `node --import ./test/support/ts-loader.mjs src/main.ts`. Used by tests that start real app
// processes; SWC strips types and keeps decorator metadata, as in jest.config.js.
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
