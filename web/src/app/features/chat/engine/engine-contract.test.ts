import { describe, it } from 'vitest';
import { CONTRACT_SCENARIOS, type Network } from './engine-contract';
import { person } from './engine-testing';
import { FakeServer } from './fake-server';

// The same scenarios run against the real server in e2e/engine-contract.e2e.ts.
describe("the chat engine's contract scenarios against the fake delivery service", { timeout: 30_000 }, () => {
  for (const scenario of CONTRACT_SCENARIOS) {
    it(scenario.name, async () => {
      const server = new FakeServer();
      const network: Network = {
        person: async (name) => person(server, name),
        befriend: async () => undefined, // the fake lets anyone open a direct chat
        waitMillis: 10_000,
      };
      await scenario.run(network);
    });
  }
});
