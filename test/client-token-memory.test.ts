import { memoryStore } from '../src/idempotency/index.js';
import { runClientTokenSuite } from './support/client-token-suite.js';
import { tokenTargets } from './support/client-token-targets.js';

for (const target of tokenTargets) {
  runClientTokenSuite(target, { name: 'memoryStore', create: () => memoryStore() });
}
